/**
 * Ring storage of a streamed run (DESIGN.md §9): job rows grow with the jobs in the system,
 * not with the trace — a long M/M/c run keeps a few thousand rows for 200,000 jobs, and the
 * in-memory run keeps a row per job.
 */
import { describe, expect, test } from 'vitest';
import { createSimulation } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';

const scenario = (() => {
  const l = loadScenario(`name: ring
seed: 3
horizon: 400d
sampleEvery: 1d
workload:
  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 20 }
    accelerators: { dist: choice, values: [1, 16], weights: [0.95, 0.05] }
    duration: { dist: exponential, mean: 30m }
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 4 }] }
policies: [{ name: fixed, autoscaler: { kind: static } }]
`, 'ring.yaml');
  if (!l.ok) throw new Error(JSON.stringify(l.issues));
  return l.scenario;
})();

interface Inner { state: { jobs: { capacity: number }; jobCount: number } }

describe('job storage of streamed runs', () => {
  test('rows stay bounded by the jobs in the system; every job still counted', () => {
    const streamed = createSimulation(scenario, 0, 1, new Map(), { stream: true, ringSlots: 64 });
    streamed.run();
    const memory = createSimulation(scenario, 0, 1, new Map(), { stream: false });
    memory.run();
    const s = (streamed as unknown as Inner).state;
    const m = (memory as unknown as Inner).state;
    expect(s.jobCount).toBe(m.jobCount);
    expect(s.jobCount).toBeGreaterThan(150_000);
    expect(m.jobs.capacity).toBeGreaterThanOrEqual(m.jobCount);
    expect(s.jobs.capacity).toBeLessThanOrEqual(4096);
    expect(streamed.stream!.retired).toBe(s.jobCount);
    expect(streamed.stream!.submitted).toBe(streamed.stream!.completedCount + streamed.stream!.unfinished + streamed.stream!.rejectedCount);
  });
});
