/** Eligibility sets: type constraints with alternatives, capacity bounds, any number of pools. */
import { expect, test } from 'vitest';
import { EligibilityTable } from '../../sim-engine/model/eligibility.js';

const pools = [
  { acceleratorId: 'nvidia-a100-80gb', perNode: 8, bound: 4 }, // holds ≤ 32
  { acceleratorId: 'nvidia-h100-80gb', perNode: 8, bound: 2 }, // ≤ 16
  { acceleratorId: 'nvidia-l4', perNode: 1, bound: 10 }, // ≤ 10, one per node
];

test('a job may use the pools its constraint names that can ever hold it; the first is its preferred pool', () => {
  const t = new EligibilityTable(pools);
  const any = t.constraint(null);
  const h100 = t.constraint('nvidia-h100-80gb');
  const alt = t.constraint('nvidia-l4|nvidia-h100-80gb');
  const allows = (c: number, k: number) => [0, 1, 2].filter((p) => t.allows(t.setFor(c, k), p));
  expect(allows(any, 1)).toEqual([0, 1, 2]);
  expect(allows(any, 16)).toEqual([0, 1]); // 16 one-accelerator nodes > 10
  expect(allows(any, 24)).toEqual([0]);
  expect(allows(any, 33)).toEqual([]);
  expect(t.firstPool(t.setFor(any, 33))).toBe(-1);
  expect(allows(h100, 8)).toEqual([1]);
  expect(allows(alt, 4)).toEqual([1, 2]);
  expect(t.firstPool(t.setFor(alt, 12))).toBe(1);
  expect(t.setFor(any, 1)).toBe(t.setFor(any, 2)); // equal sets share an id
  expect(t.setFor(any, 1000)).toBe(t.setFor(any, 2000)); // beyond the small-k cache too
  expect(t.constraint('nvidia-h100-80gb')).toBe(h100);
  expect(t.typeAllowsPool(h100, 0)).toBe(false);
});

test('more than 31 pools (no bitmask limit)', () => {
  const many = Array.from({ length: 100 }, (_, i) => ({ acceleratorId: i % 2 ? 'nvidia-l4' : 'nvidia-a100-80gb', perNode: 8, bound: i + 1 }));
  const t = new EligibilityTable(many);
  const l4 = t.constraint('nvidia-l4');
  const set = t.setFor(l4, 8 * 60); // needs 60 nodes: pools with bound ≥ 60
  const allowed = many.map((_, p) => p).filter((p) => t.allows(set, p));
  expect(allowed).toEqual(many.map((_, p) => p).filter((p) => p % 2 === 1 && p + 1 >= 60));
  expect(t.firstPool(set)).toBe(59);
});
