/**
 * The accelerator catalog: every entry is complete (idle power below busy power, a power and a
 * speed source, positive speeds, a unique id), and the numbers of the entries that existed
 * before the enrichment are unchanged (test/fixtures/catalog-before.json is a frozen copy of
 * them from `git show main:scenarios/accelerators.json`), in the same order.
 */
import { describe, expect, test } from 'vitest';
import { CATALOG, WORKLOAD_CLASSES } from '../../sim-engine/model/catalog.js';
import before from '../fixtures/catalog-before.json' with { type: 'json' };

describe('every catalog entry', () => {
  test.each(CATALOG.map((a) => [a.id, a] as const))('%s is complete', (_id, a) => {
    expect(a.idlePowerW).toBeGreaterThan(0);
    expect(a.idlePowerW).toBeLessThan(a.powerW);
    expect(a.idlePowerSource?.trim()).toBeTruthy();
    expect(a.powerSource?.trim()).toBeTruthy();
    expect(a.speedSource?.trim()).toBeTruthy();
    for (const c of WORKLOAD_CLASSES) expect(a.speed[c]).toBeGreaterThan(0);
  });

  test('ids are unique', () => {
    const ids = CATALOG.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

test('the existing entries keep their numbers and their order; new ones come after them', () => {
  const now = CATALOG.slice(0, before.accelerators.length).map(({ id, powerW, memoryGiB, speed, prices }) => ({ id, powerW, memoryGiB, speed, prices }));
  expect(now).toEqual(before.accelerators);
  expect(CATALOG.length).toBeGreaterThan(before.accelerators.length);
});
