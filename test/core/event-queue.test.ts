import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EventClass, EventQueue, MAX_TAG } from '../../sim-engine/core/event-queue.js';

type Op = { kind: 'push'; time: number; cls: 1 | 2 | 3 | 4 | 5; payload: number } | { kind: 'pop' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }).map((x) => x / 2), cls: fc.constantFrom(1, 2, 3, 4, 5) as fc.Arbitrary<1 | 2 | 3 | 4 | 5>, payload: fc.integer({ min: -1000, max: 1000 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'pop' as const }) },
);

describe('event queue', () => {
  test('matches a sorted-array model under random pushes and pops (total order time, class, sequence)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const q = new EventQueue(16);
        const model: { time: number; cls: number; seq: number; payload: number }[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op.kind === 'push') {
            q.push(op.time, op.cls as EventClass, 0, op.payload);
            model.push({ time: op.time, cls: op.cls, seq: seq++, payload: op.payload });
            model.sort((a, b) => a.time - b.time || a.cls - b.cls || a.seq - b.seq);
          } else {
            const expected = model.shift();
            expect(q.pop()).toBe(expected !== undefined);
            if (expected) {
              expect([q.poppedTime, q.poppedClass, q.poppedPayload]).toEqual([expected.time, expected.cls, expected.payload]);
            }
          }
          expect(q.size).toBe(model.length);
          expect(q.peekTime()).toBe(model[0]?.time ?? Infinity);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('ties: equal time pops by class, then first in first out', () => {
    const q = new EventQueue(2);
    q.push(5, EventClass.Tick, 0, 1);
    q.push(5, EventClass.Arrival, 0, 2);
    q.push(5, EventClass.Completion, 0, 3);
    q.push(5, EventClass.Arrival, 0, 4);
    q.push(5, EventClass.NodeReady, 0, 5);
    q.push(5, EventClass.NodeChange, 0, 6);
    q.push(4, EventClass.Tick, 0, 7);
    const order: number[] = [];
    while (q.pop()) order.push(q.poppedPayload);
    expect(order).toEqual([7, 3, 6, 5, 2, 4, 1]);
  });

  test('grows past its initial capacity and keeps kinds', () => {
    const q = new EventQueue(16);
    for (let i = 999; i >= 0; i--) q.push(i, EventClass.Arrival, i % 200, i);
    for (let i = 0; i < 1000; i++) {
      q.pop();
      expect(q.poppedTime).toBe(i);
      expect(q.poppedKind).toBe(i % 200);
    }
    expect(q.pop()).toBe(false);
  });

  test('a NaN time is a broken invariant and throws', () => {
    expect(() => new EventQueue().push(NaN, EventClass.Arrival, 0, 0)).toThrow(/NaN/);
  });
});

describe('event tags', () => {
  test('kind and tag travel with the event, packed without disturbing the order', () => {
    const q = new EventQueue(16);
    q.push(5, EventClass.Completion, 3, 42, 0x7fffff);
    q.push(5, EventClass.Completion, 255, -7, 0);
    q.push(1, EventClass.NodeReady, 0, 9, 12345);
    const got: number[][] = [];
    while (q.pop()) got.push([q.poppedTime, q.poppedClass, q.poppedKind, q.poppedPayload, q.poppedTag]);
    expect(got).toEqual([
      [1, EventClass.NodeReady, 0, 9, 12345],
      [5, EventClass.Completion, 3, 42, 0x7fffff],
      [5, EventClass.Completion, 255, -7, 0],
    ]);
  });

  test('a tag outside 0..2^23-1 is a broken invariant', () => {
    const q = new EventQueue(16);
    expect(() => q.push(0, EventClass.Tick, 0, 0, MAX_TAG + 1)).toThrow(/tag must be in 0\.\.8388607/);
    expect(() => q.push(0, EventClass.Tick, 0, 0, -1)).toThrow(/tag/);
  });
});
