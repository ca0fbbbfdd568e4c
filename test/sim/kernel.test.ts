/** The kernel: class order within an instant, dispatch on (class, kind), the horizon, drains. */
import { describe, expect, test } from 'vitest';
import { EventClass } from '../../sim-engine/core/event-queue.js';
import { Kernel } from '../../sim-engine/sim/kernel.js';

function recorder(kernel: Kernel, log: string[]) {
  return (name: string) => ({ onEvent: (kind: number, payload: number, tag: number) => void log.push(`${kernel.now} ${name} k${kind} p${payload} t${tag}`) });
}

describe('kernel', () => {
  test('one instant: completions, node changes, nodes ready, arrivals, ticks, then the pass; samples before the next', () => {
    const log: string[] = [];
    const k = new Kernel(100);
    const h = recorder(k, log);
    k.on(EventClass.Tick, 0, h('tick'));
    k.on(EventClass.NodeReady, 0, h('ready'));
    k.on(EventClass.NodeChange, 2, h('fail'));
    k.on(EventClass.Completion, 0, h('end'));
    let arrivalAt = 5;
    k.connect({
      arrivals: { get nextS() { return arrivalAt; }, deliverAt: (t) => (log.push(`${t} arrival`), (arrivalAt = Infinity), 1) },
      hooks: { beforeInstant: (t) => log.push(`before ${t}`), afterEvents: () => log.push(`${k.now} pass`), finish: (t) => log.push(`finish ${t}`) },
    });
    k.schedule(5, EventClass.Tick, 0, 1);
    k.schedule(5, EventClass.NodeReady, 0, 2, 7);
    k.schedule(5, EventClass.Completion, 0, 3);
    k.schedule(5, EventClass.NodeChange, 2, 4);
    k.schedule(5, EventClass.Completion, 0, 5); // same class: first in, first out
    k.schedule(100, EventClass.Completion, 0, 6); // at the horizon: not handled
    k.run();
    expect(log).toEqual(['before 5', '5 end k0 p3 t0', '5 end k0 p5 t0', '5 fail k2 p4 t0', '5 ready k0 p2 t7', '5 arrival', '5 tick k0 p1 t0', '5 pass', 'finish 100']);
    expect([k.events, k.endS, k.now, k.finished]).toEqual([6, 100, 100, true]);
  });

  test('results do not depend on the slice size: runFor stops only between instants', () => {
    const k = new Kernel(50);
    const seen: number[] = [];
    k.on(EventClass.Completion, 0, { onEvent: (_k, p) => void seen.push(p) });
    for (let i = 0; i < 10; i++) k.schedule(7, EventClass.Completion, 0, i);
    expect(k.runFor(1)).toBe(false);
    expect(seen.length).toBe(10); // the whole instant
    expect(k.runFor(1)).toBe(true);
  });

  test('an event without a handler, a handler registered twice, an event in the past: broken invariants', () => {
    const k = new Kernel(10);
    k.on(EventClass.Completion, 0, { onEvent() {} });
    expect(() => k.on(EventClass.Completion, 0, { onEvent() {} })).toThrow(/class 1 kind 0 has a handler already/);
    expect(() => k.on(EventClass.Completion, 16, { onEvent() {} })).toThrow(/kind must be in 0..15/);
    k.schedule(1, EventClass.NodeChange, 3, 0);
    expect(() => k.run()).toThrow(/no handler for event class 2 kind 3/);
    expect(() => k.schedule(0, EventClass.Completion, 0, 0)).toThrow(/scheduled in the past/);
  });

  test('drain: ends when the probe says done, fails with its reason when stalled', () => {
    const done = new Kernel(Infinity);
    let n = 0;
    done.on(EventClass.Tick, 0, { onEvent: () => void (++n < 3 && done.schedule(done.now + 10, EventClass.Tick, 0, 0)) });
    done.schedule(0, EventClass.Tick, 0, 0);
    done.connect({ drain: { done: () => n >= 3, stalled: () => null } });
    done.run();
    expect([done.endS, done.failure]).toEqual([20, null]);

    const stuck = new Kernel(Infinity);
    stuck.on(EventClass.Tick, 0, { onEvent() {} });
    stuck.schedule(4, EventClass.Tick, 0, 0);
    stuck.connect({ drain: { done: () => false, stalled: () => 'nothing can ever run' } });
    stuck.run();
    expect([stuck.endS, stuck.failure]).toEqual([4, 'nothing can ever run']);
  });
});
