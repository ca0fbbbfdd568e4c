/** Builds engines directly (no CLI, no scenario file) for module tests, with test-double policies. */
import { EventClass } from '../../sim-engine/core/event-queue.js';
import { Rng } from '../../sim-engine/core/rng.js';
import type { Kernel } from '../../sim-engine/sim/kernel.js';
import { createStaticAutoscaler } from '../../sim-engine/policies/autoscaling/static.js';
import { createFifoScheduler } from '../../sim-engine/policies/scheduling/fifo.js';
import type { Autoscaler, Scheduler } from '../../sim-engine/policies/types.js';
import type { PoolSpec } from '../../sim-engine/scenario/schema.js';
import { Simulation } from '../../sim-engine/sim/simulation.js';
import type { JobTable } from '../../sim-engine/traces/types.js';
import { createTableSource } from '../../sim-engine/workload/table-source.js';

/** Jobs as [submitS, durationS, accelerators, acceleratorType?] rows, in submit order. */
export type JobRow = [number, number, number, string?];

export function jobTable(rows: JobRow[], tenants?: { names: string[]; ofRow: number[] }): JobTable {
  const types = [...new Set(rows.map((r) => r[3]).filter((t): t is string => t !== undefined))];
  return {
    kind: 'jobs',
    length: rows.length,
    submitS: Float64Array.from(rows, (r) => r[0]),
    durationS: Float64Array.from(rows, (r) => r[1]),
    accelerators: Int32Array.from(rows, (r) => r[2]),
    ...(tenants ? { tenant: Int32Array.from(tenants.ofRow), tenants: tenants.names } : {}),
    ...(types.length ? { acceleratorType: Int32Array.from(rows, (r) => (r[3] === undefined ? -1 : types.indexOf(r[3]))), acceleratorTypes: types } : {}),
  };
}

export function pool(p: Partial<PoolSpec> & { name: string }): PoolSpec {
  return { accelerator: 'nvidia-a100-80gb', perNode: 8, purchase: 'on-demand', initial: 1, min: 0, provisioning: { dist: 'constant', value: 0 }, ...p } as PoolSpec;
}

export interface SimOptions {
  pools: PoolSpec[];
  jobs: JobRow[];
  /** More job sources after `jobs` (workload entries 1, 2, …). */
  moreSources?: JobTable[];
  scheduler?: Scheduler;
  autoscaler?: Autoscaler;
  horizonS?: number;
  warmupS?: number;
  sampleEveryS?: number;
  maxQueueWaitS?: number | null;
  /** Workload class (WORKLOAD_CLASSES index) of each source; default training. */
  classBySource?: number[];
  /** Weekday of t = 0 (0 = Monday). */
  startsOn?: number;
  quotas?: Record<string, number>;
}

export function makeSim(o: SimOptions): Simulation {
  const rng = new Rng(1);
  return new Simulation({
    pools: o.pools,
    sources: [jobTable(o.jobs), ...(o.moreSources ?? [])].map((t, i) => createTableSource(t, 1, rng.fork(`workload/${i}`), `workload[${i}]`)),
    scheduler: o.scheduler ?? createFifoScheduler(),
    autoscaler: o.autoscaler ?? createStaticAutoscaler(),
    policyName: 'test',
    horizonS: o.horizonS ?? 3600,
    warmupS: o.warmupS ?? 0,
    sampleEveryS: o.sampleEveryS ?? 600,
    maxQueueWaitS: o.maxQueueWaitS ?? null,
    ...(o.classBySource ? { classBySource: o.classBySource } : {}),
    rng: rng.fork('policy'),
    ...(o.startsOn !== undefined ? { startsOn: o.startsOn } : {}),
    ...(o.quotas ? { quotas: o.quotas } : {}),
  });
}

/** `at(t, fn)`: run fn at time t, as a tick-class event of kind 1 (a test's own handler). */
export function actionsAt(kernel: Kernel): (t: number, fn: () => void) => void {
  const actions = new Map<number, () => void>();
  kernel.on(EventClass.Tick, 1, { onEvent: (_k, payload) => actions.get(payload)!() });
  let next = 0;
  return (t, fn) => {
    actions.set(next, fn);
    kernel.schedule(t, EventClass.Tick, 1, next++);
  };
}
