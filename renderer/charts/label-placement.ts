/**
 * Point labels that never collide: each label tries the eight positions around its point
 * (right first); when all of them hit a label already placed, a point or the plot's edge, it
 * moves out on rings of growing radius and gets a leader line back to its point. Pure (boxes
 * in pixels), so it is tested without a DOM.
 */

export interface LabelRequest {
  /** The point, in plot pixels. */
  x: number;
  y: number;
  /** Radius of the point's mark (labels keep clear of every mark). */
  r: number;
  /** The label's box size. */
  width: number;
  height: number;
}

export interface LabelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PlacedLabel extends LabelBox {
  /** Away from its point: draw a leader line from the point to the box. */
  leader: boolean;
}

/** Gap between boxes, px. */
const PAD = 2;

export const boxesOverlap = (a: LabelBox, b: LabelBox, pad = 0): boolean => a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;

/** The point of the box nearest to (x, y): where a leader line ends. */
export function nearestOnBox(b: LabelBox, x: number, y: number): [number, number] {
  return [Math.min(Math.max(x, b.x0), b.x1), Math.min(Math.max(y, b.y0), b.y1)];
}

function box(x0: number, y0: number, w: number, h: number): LabelBox {
  return { x0, y0, x1: x0 + w, y1: y0 + h };
}

/** The eight positions around a point, nearest first: right, left, above, below, then the corners. */
function around(p: LabelRequest): LabelBox[] {
  const g = p.r + 4;
  const { x, y, width: w, height: h } = p;
  const d = g * 0.75;
  return [
    box(x + g, y - h / 2, w, h),
    box(x - g - w, y - h / 2, w, h),
    box(x - w / 2, y - g - h, w, h),
    box(x - w / 2, y + g, w, h),
    box(x + d, y - d - h, w, h),
    box(x + d, y + d, w, h),
    box(x - d - w, y - d - h, w, h),
    box(x - d - w, y + d, w, h),
  ];
}

/** Rings of offset positions at distance `dist` from the point, 16 directions starting to the right. */
function ring(p: LabelRequest, dist: number): LabelBox[] {
  const out: LabelBox[] = [];
  for (let k = 0; k < 16; k++) {
    // Alternate sides so the first tries are to the right and left, then up and down.
    const a = ((k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * Math.PI) / 8;
    const cx = p.x + Math.cos(a) * (dist + p.width / 2);
    const cy = p.y + Math.sin(a) * (dist + p.height / 2);
    out.push(box(cx - p.width / 2, cy - p.height / 2, p.width, p.height));
  }
  return out;
}

/**
 * Places one label per request, in order; no two returned boxes overlap, and no box covers a
 * point's mark or one of the `obstacles` (other text on the plot, such as a reference line's label). Boxes stay inside `bounds` (0..width, 0..height) when there is room; only a
 * plot too small for every label pushes one outside.
 */
export function placeLabels(items: readonly LabelRequest[], bounds: { width: number; height: number }, obstacles: readonly LabelBox[] = []): PlacedLabel[] {
  const marks = [...items.map((p) => box(p.x - p.r, p.y - p.r, 2 * p.r, 2 * p.r)), ...obstacles];
  const placed: LabelBox[] = [];
  const free = (b: LabelBox, inside: boolean) =>
    (!inside || (b.x0 >= 0 && b.y0 >= 0 && b.x1 <= bounds.width && b.y1 <= bounds.height)) &&
    !placed.some((q) => boxesOverlap(b, q, PAD)) &&
    !marks.some((m) => boxesOverlap(b, m, 1));
  return items.map((p) => {
    const step = Math.max(8, p.height);
    let found: PlacedLabel | null = null;
    const near = around(p).find((b) => free(b, true));
    if (near) found = { ...near, leader: false };
    // Further out with a leader line, inside the plot; then anywhere (a finite set of boxes
    // leaves every direction free far enough out, so this ends).
    for (let pass = 0; !found && pass < 2; pass++) {
      const inside = pass === 0;
      const maxDist = inside ? Math.hypot(bounds.width, bounds.height) : Infinity;
      for (let dist = p.r + 4 + step; !found && dist <= maxDist; dist += step) {
        const b = ring(p, dist).find((c) => free(c, inside));
        if (b) found = { ...b, leader: true };
      }
    }
    placed.push(found!);
    return found!;
  });
}
