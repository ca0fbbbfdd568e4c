/** The run-in-slices loop (sim-engine/run/slices.ts): progress, cancellation, slice-size independence, RunFailed. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { joinChunks, jobsCsvChunks, seriesCsvChunks } from '../../sim-engine/report/files.js';
import { createSimulation } from '../../sim-engine/run/index.js';
import { RunCancelled, RunFailed, runPolicy, runPolicyYielding, runScenario, runToEnd, type RunHost, type RunProgress } from '../../sim-engine/run/index.js';
import type { RunResult } from '../../sim-engine/metrics/types.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import type { Scenario } from '../../sim-engine/scenario/schema.js';

function scenarioOf(text: string, name = 'test.yaml'): Scenario {
  const loaded = loadScenario(text, name);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.scenario;
}
const DEFAULT = scenarioOf(readFileSync('scenarios/default.yaml', 'utf8'), 'default.yaml');
const NO_TRACES = { tables: new Map(), entries: [] };

/** A host whose clock advances `stepMs` per reading. */
function fakeHost(stepMs = 10): RunHost & { yields: number } {
  let t = 0;
  const host = { yields: 0, now: () => (t += stepMs), yieldNow: async () => void host.yields++ };
  return host;
}

const render = (r: RunResult) => JSON.stringify(r.summary) + joinChunks(seriesCsvChunks([r])) + joinChunks(jobsCsvChunks([r])) + JSON.stringify(r.decisions);

describe('progress', () => {
  test('is monotone, names the policy and replication, and ends at exactly 1', async () => {
    const seen: RunProgress[] = [];
    const host = fakeHost();
    await runScenario({ scenario: DEFAULT, scenarioSha256: '0', seed: DEFAULT.seed, replications: 2, traces: NO_TRACES }, host, { sliceEvents: 2000, yieldEveryMs: 0, onProgress: (p) => seen.push(p) });
    expect(host.yields).toBeGreaterThan(10);
    expect(seen.length).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.fraction).toBeGreaterThanOrEqual(seen[i - 1]!.fraction);
    expect(seen.at(-1)!.fraction).toBe(1);
    expect(seen.every((p) => p.fraction >= 0 && p.fraction <= 1 && p.policies === 3 && p.replications === 2)).toBe(true);
    // Every policy and replication is reported, in order, and each run's last report is its end.
    const runs = [...new Set(seen.map((p) => `${p.policyIndex}/${p.replication}`))];
    expect(runs).toEqual(['0/0', '0/1', '1/0', '1/1', '2/0', '2/1']);
    expect(seen.filter((p) => p.policyIndex === 1).every((p) => p.policy === DEFAULT.policies[1]!.name)).toBe(true);
    const endOfFirst = seen.filter((p) => p.policyIndex === 0 && p.replication === 0).at(-1)!;
    expect(endOfFirst.fraction).toBe(1 / 6);
  });

  test('with a host, is reported (and the host yielded to) only when the host clock says so', async () => {
    const quick = fakeHost(1);
    const reports: RunProgress[] = [];
    await runPolicyYielding(DEFAULT, 0, DEFAULT.seed, new Map(), quick, { sliceEvents: 500, yieldEveryMs: 20, onProgress: (p) => reports.push(p) });
    const slices = Math.ceil(reports.at(-1)!.events / 500);
    // A reading per slice and one after each yield: about one report every 10 slices, plus the final one.
    expect(quick.yields).toBeGreaterThan(0);
    expect(quick.yields).toBeLessThan(slices / 5);
    expect(reports).toHaveLength(quick.yields + 1);
  });
});

describe('cancellation', () => {
  test('shouldCancel stops the run after the slice in which it turned true', () => {
    const sim = createSimulation(DEFAULT, 2, DEFAULT.seed, new Map());
    let slices = 0;
    expect(() => runToEnd(sim, 'reactive', { sliceEvents: 1000, onProgress: () => slices++, shouldCancel: () => slices >= 3 })).toThrow(RunCancelled);
    expect(sim.finished).toBe(false);
    // Three slices reported, the fourth ran and was not followed by another.
    expect(sim.events).toBeGreaterThanOrEqual(4000);
    expect(sim.events).toBeLessThan(5000 + 1000);
  });

  test('an aborted signal stops a hosted run between slices; nothing is collected', async () => {
    const ac = new AbortController();
    let reports = 0;
    const run = runPolicyYielding(DEFAULT, 0, DEFAULT.seed, new Map(), fakeHost(), {
      sliceEvents: 1000,
      yieldEveryMs: 0,
      signal: ac.signal,
      onProgress: () => {
        if (++reports === 2) ac.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(RunCancelled);
    expect(reports).toBe(2);
  });
});

describe('results do not depend on the slice size', () => {
  const reference = render(runPolicy(DEFAULT, 2, DEFAULT.seed, new Map(), { sliceEvents: 1 << 30 }));
  test.each([1, 7, 1000, 20_000])('synchronous, slice size %d', (slice) => {
    expect(render(runPolicy(DEFAULT, 2, DEFAULT.seed, new Map(), { sliceEvents: slice }))).toBe(reference);
  });
  test.each([[13, 0], [5000, 25]])('hosted, slice size %d, yielding every %d ms', async (slice, everyMs) => {
    const r = await runPolicyYielding(DEFAULT, 2, DEFAULT.seed, new Map(), fakeHost(), { sliceEvents: slice, yieldEveryMs: everyMs });
    expect(render(r)).toBe(reference);
  });
});

describe('RunFailed', () => {
  test('a drain that can never finish raises RunFailed naming the policy, in both drivers', async () => {
    const huge = { tables: new Map([[0, { kind: 'jobs' as const, length: 1, submitS: Float64Array.of(0), durationS: Float64Array.of(1e12), accelerators: Int32Array.of(1) }]]), entries: [] };
    const s = scenarioOf(`name: endless drain
seed: 1
horizon: drain
sampleEvery: 1s
workload: [{ kind: trace, path: t.csv }]
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }] }
policies: [{ name: fixed, autoscaler: { kind: static } }]
`);
    let sync: unknown;
    try {
      runPolicy(s, 0, 1, huge.tables, { sliceEvents: 100_000 });
    } catch (e) {
      sync = e;
    }
    expect(sync).toBeInstanceOf(RunFailed);
    expect((sync as RunFailed).policy).toBe('fixed');
    expect((sync as RunFailed).message).toMatch(/the run lasts beyond .*samples at sampleEvery 1s/);
    const hosted = runScenario({ scenario: s, scenarioSha256: '0', seed: 1, traces: huge }, fakeHost(), { sliceEvents: 100_000 });
    await expect(hosted).rejects.toMatchObject({ name: 'RunFailed', policy: 'fixed' });
  });
});
