/** Scatter labels never collide: beside their point when there is room, offset with a leader line when crowded. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxesOverlap, placeLabels, type LabelRequest, type PlacedLabel } from '../../renderer/charts/label-placement';

const label = (x: number, y: number, chars = 9): LabelRequest => ({ x, y, r: 6, width: chars * 7 + 4, height: 15 });

function expectNoCollisions(items: LabelRequest[], out: PlacedLabel[]) {
  expect(out).toHaveLength(items.length);
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) expect(boxesOverlap(out[i]!, out[j]!), `labels ${i} and ${j} overlap`).toBe(false);
    // No label covers a point's mark either.
    for (const p of items) expect(boxesOverlap(out[i]!, { x0: p.x - p.r, y0: p.y - p.r, x1: p.x + p.r, y1: p.y + p.r }), `label ${i} covers a point`).toBe(false);
  }
}

describe('placeLabels', () => {
  it('puts a lone label right of its point, vertically centred, without a leader', () => {
    const [b] = placeLabels([label(100, 100)], { width: 400, height: 300 });
    expect(b).toMatchObject({ leader: false, x0: 110, y0: 92.5 });
  });

  it('flips to the left at the right edge', () => {
    const [b] = placeLabels([label(395, 100)], { width: 400, height: 300 });
    expect(b!.leader).toBe(false);
    expect(b!.x1).toBeLessThanOrEqual(385);
  });

  it('a crowded fixture: twelve points within 30 px (policies of nearly the same cost and availability)', () => {
    const items = Array.from({ length: 12 }, (_, i) => label(200 + (i % 4) * 9, 150 + Math.floor(i / 4) * 8, 8 + (i % 5)));
    const out = placeLabels(items, { width: 480, height: 300 });
    expectNoCollisions(items, out);
    expect(out.some((b) => b.leader)).toBe(true);
    // Everything still fits in the plot.
    for (const b of out) expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= 480 && b.y1 <= 300).toBe(true);
  });

  it('three policies at one spot (the default scenario’s static-20 and reactive are $0.2k apart)', () => {
    const items = [label(100, 200, 9), label(101, 40, 9), label(102, 200, 8)];
    const out = placeLabels(items, { width: 400, height: 260 });
    expectNoCollisions(items, out);
  });

  it('never overlaps, for any points, even in a plot too small for them all', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.integer({ min: 0, max: 120 }), y: fc.integer({ min: 0, max: 80 }), chars: fc.integer({ min: 1, max: 16 }) }), { minLength: 1, maxLength: 25 }), (pts) => {
        const items = pts.map((p) => label(p.x, p.y, p.chars));
        expectNoCollisions(items, placeLabels(items, { width: 120, height: 80 }));
      }),
      { numRuns: 60 },
    );
  });
});

describe('placeLabels with obstacles', () => {
  it('keeps labels off other text on the plot (the SLO target’s label)', () => {
    const target = { x0: 300, y0: 20, x1: 380, y1: 35 };
    // A point whose right-hand label would land on the target's label.
    const items = [label(290, 30, 9)];
    const [b] = placeLabels(items, { width: 400, height: 300 }, [target]);
    expect(boxesOverlap(b!, target)).toBe(false);
    const [free] = placeLabels(items, { width: 400, height: 300 });
    expect(boxesOverlap(free!, target)).toBe(true);
  });
});
