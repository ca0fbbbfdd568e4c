/** The wait queue's structure: a set of ids in id order with O(1) removal anywhere. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { OrderedIdSet } from '../../sim-engine/core/ordered-set.js';

const members = (s: OrderedIdSet): number[] => {
  const out: number[] = [];
  for (let id = s.first(); id >= 0; id = s.next(id + 1)) out.push(id);
  return out;
};

describe('ordered id set', () => {
  test('iterates in id order whatever the insertion order', () => {
    const s = new OrderedIdSet(1);
    for (const id of [70_000, 3, 31, 32, 0, 1023, 1024, 32_767, 32_768, 5]) s.add(id);
    expect(members(s)).toEqual([0, 3, 5, 31, 32, 1023, 1024, 32_767, 32_768, 70_000]);
    expect(s.size).toBe(10);
  });

  test('removal from the middle keeps the order of the rest; a re-added id regains its place', () => {
    const s = new OrderedIdSet(8);
    for (let i = 0; i < 100; i++) s.add(i);
    for (const id of [50, 0, 99, 31, 32, 33]) expect(s.delete(id)).toBe(true);
    expect(s.delete(50)).toBe(false);
    expect(members(s)).toEqual(Array.from({ length: 100 }, (_, i) => i).filter((i) => ![50, 0, 99, 31, 32, 33].includes(i)));
    s.add(32); // a requeued job: back between 30 and 34
    expect(members(s).slice(28, 32)).toEqual([29, 30, 32, 34]);
    expect(s.first()).toBe(1);
  });

  test('finds the next member across long empty stretches (level-2 scan)', () => {
    const s = new OrderedIdSet(1);
    s.add(10);
    s.add(5_000_000);
    s.delete(10);
    expect(s.first()).toBe(5_000_000);
    expect(s.next(11)).toBe(5_000_000);
    expect(s.next(5_000_001)).toBe(-1);
  });

  test('rejects ids that are not whole numbers ≥ 0', () => {
    const s = new OrderedIdSet();
    expect(() => s.add(-1)).toThrow(/whole numbers ≥ 0/);
    expect(() => s.add(1.5)).toThrow(/got 1.5/);
  });

  test('matches a sorted-array model under random adds, deletes, first and next', () => {
    type Op = { op: 'add' | 'delete' | 'first' | 'next'; id: number };
    const op = fc.record({ op: fc.constantFrom('add', 'add', 'delete', 'first', 'next') as fc.Arbitrary<Op['op']>, id: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 100_000 })) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const s = new OrderedIdSet(4);
        const model = new Set<number>();
        for (const { op, id } of ops) {
          const sorted = [...model].sort((a, b) => a - b);
          if (op === 'add') {
            expect(s.add(id)).toBe(!model.has(id));
            model.add(id);
          } else if (op === 'delete') expect(s.delete(id)).toBe(model.delete(id));
          else if (op === 'first') expect(s.first()).toBe(sorted[0] ?? -1);
          else expect(s.next(id)).toBe(sorted.find((x) => x >= id) ?? -1);
          expect(s.size).toBe(model.size);
          expect(s.has(id)).toBe(model.has(id));
        }
        expect(members(s)).toEqual([...model].sort((a, b) => a - b));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
