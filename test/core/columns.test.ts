/** Struct-of-arrays columns: one grow/slice helper for jobs, nodes and importers. */
import { describe, expect, test } from 'vitest';
import { ColumnSet, f64Column, grow, OptionalColumn } from '../../sim-engine/core/columns.js';

describe('columns', () => {
  test('grow doubles, keeps values, fills new slots', () => {
    const a = Int32Array.from([1, 2, 3]);
    expect(grow(a, 2)).toBe(a);
    const b = grow(a, 4, -1);
    expect(Array.from(b)).toEqual([1, 2, 3, -1, -1, -1]);
    expect(grow(new Float64Array(2), 9).length).toBe(9);
  });

  test('a ColumnSet grows every column together and slices copies', () => {
    const set = new ColumnSet({ t: 'f64', k: 'i32', s: 'u8', p: 'i8', e: 'u16' }, 2);
    expect(set.capacity).toBe(2);
    set.c.t[1] = 0.5;
    set.c.k[1] = 7;
    set.ensure(5);
    expect(set.capacity).toBeGreaterThanOrEqual(5);
    for (const col of Object.values(set.c)) expect(col.length).toBe(set.capacity);
    expect([set.c.t[1], set.c.k[1]]).toEqual([0.5, 7]);
    set.c.p[4] = -3;
    set.c.e[4] = 65535;
    const slice = set.slice('p', 5);
    expect(Array.from(slice)).toEqual([0, 0, 0, 0, -3]);
    slice[4] = 1;
    expect(set.c.p[4]).toBe(-3);
    expect(set.c.t).toBeInstanceOf(Float64Array);
    expect(set.c.e).toBeInstanceOf(Uint16Array);
  });

  test('an OptionalColumn takes no memory until a row differs from none', () => {
    const col = new OptionalColumn((n) => new Float64Array(n), NaN);
    expect(col.used).toBe(false);
    expect(col.get(3)).toBeNaN();
    col.grow(100);
    expect(col.used).toBe(false);
    expect(Array.from(col.slice(2))).toEqual([NaN, NaN]);
    col.set(3, 4.5, 8);
    expect(col.used).toBe(true);
    expect([col.get(2), col.get(3)]).toEqual([NaN, 4.5]);
    col.set(20, 1, 8); // beyond the capacity it was made with: grows
    expect(Array.from(col.slice(21)).filter((v) => !Number.isNaN(v))).toEqual([4.5, 1]);
    const ints = new OptionalColumn((n) => new Int32Array(n), -1);
    ints.set(0, -1, 4);
    expect(ints.used).toBe(false);
  });

  test('a PushColumn appends and trims on finish', () => {
    const c = f64Column(1);
    for (let i = 0; i < 5; i++) c.push(i / 2);
    expect(c.length).toBe(5);
    expect(Array.from(c.finish())).toEqual([0, 0.5, 1, 1.5, 2]);
  });
});
