/**
 * A small worked example, every number computed by hand (see the comments).
 *
 * Pool p: 2 accelerators per node, $10 per node-hour, 1 initial node (node 0), max 2,
 * provisioning 10 min. Horizon 2 h, slo.maxQueueWait 5 min. Jobs (trace order):
 *   J0 t=0    1 h    k=2  → node 0 (fills it), 0 → 3600
 *   J1 t=0    30 min k=1  → waits (node 0 full)
 *   J2 t=100  60 s   k=6  → rejected: pool max 2 nodes × 2 = 4 < 6
 *   J3 t=600  10 min k=1  → waits behind J1
 * Reactive (tick 60 s, scale up after 2 min, down after 30 min idle):
 *   t=120: J1 waited 2 min → +1 node (node 1), ready at 720.
 *   t=720: J1 → node 1 (720 → 2520), J3 → node 1's other accelerator (720 → 1320).
 *   node 1 idle from 2520; t=4320 (= 2520 + 1800, a tick): released. Node 0 stays (min 1).
 * Billing: node 0 2 h + node 1 (4320 − 120)/3600 = 7/6 h → 19/6 node-h → $31.6667;
 *   accelerator-hours billed 19/3. Busy: 2·1 + 1·0.5 + 1·(1/6) = 8/3. Utilization 8/19.
 * Waits (J2 rejected, excluded): 0, 720, 120 → mean 280, p50 120, p95 720, p99 720.
 * Shortfall: J1 [300, 720) = 420 s; J3 [900, 720) empty → 7/60 h; availability 1 − (7/60)/2.
 * Static (1 node; J2 rejected at initial capacity): J1 and J3 start at 3600 when J0 ends:
 *   waits 0, 3600, 3000 → mean 2200; cost 2 h × $10; shortfall [300, 3600) = 3300 s.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decisionsCsvChunks, joinChunks, jobsCsvChunks, seriesCsvChunks } from '../../sim-engine/report/files.js';
import { runPolicy } from '../../sim-engine/run/index.js';
import { prepareTrace } from '../../sim-engine/scenario/prepare.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import type { TraceWorkloadSpec } from '../../sim-engine/scenario/schema.js';
import { importText } from '../../sim-engine/traces/index.js';

const dir = 'test/fixtures/golden';

describe('golden two-node example (driven through the engine directly)', () => {
  const loaded = loadScenario(readFileSync(`${dir}/two-nodes.yaml`, 'utf8'), 'two-nodes.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const scenario = loaded.scenario;
  const spec = scenario.workload[0] as TraceWorkloadSpec;
  const prepared = prepareTrace(spec, importText('csv', readFileSync(`${dir}/jobs.csv`, 'utf8')));
  if (!prepared.ok) throw new Error(prepared.message);
  const runs = scenario.policies.map((_, i) => runPolicy(scenario, i, scenario.seed, new Map([[0, prepared.table]])));
  const [reactive, stat] = runs.map((r) => ({ summary: r.summary }));
  const jobsCsv = joinChunks(jobsCsvChunks(runs));
  const seriesCsv = joinChunks(seriesCsvChunks(runs));

  test('runs both policies in scenario order', () => {
    expect(runs.map((r) => r.policy)).toEqual(['reactive', 'static']);
  });

  test('reactive: every summary number as computed by hand', () => {
    const s = reactive!.summary;
    expect(s.costUsd).toBeCloseTo(190 / 6, 6);
    expect(s.acceleratorHoursBilled).toBeCloseTo(19 / 3, 9);
    expect(s.acceleratorHoursBusy).toBeCloseTo(8 / 3, 9);
    expect(s.utilization).toBeCloseTo(8 / 19, 9);
    expect(s.waitMeanS).toBeCloseTo(280, 9);
    expect(s.waitP50S).toBe(120);
    expect(s.waitP95S).toBe(720);
    expect(s.waitP99S).toBe(720);
    expect(s.jobsSubmitted).toBe(4);
    expect(s.jobsCompleted).toBe(3);
    expect(s.jobsUnfinished).toBe(0);
    expect(s.jobsRejected).toBe(1);
    expect(s.jobsQueuedAtEnd).toBe(0);
    expect(s.shortfallHours).toBeCloseTo(7 / 60, 9);
    expect(s.availability).toBeCloseTo(1 - 7 / 120, 9);
    expect(s.costPerBusyAcceleratorHour).toBeCloseTo(190 / 6 / (8 / 3), 9);
  });

  test('static: every summary number as computed by hand', () => {
    const s = stat!.summary;
    expect(s.costUsd).toBeCloseTo(20, 9);
    expect(s.acceleratorHoursBilled).toBeCloseTo(4, 9);
    expect(s.acceleratorHoursBusy).toBeCloseTo(8 / 3, 9);
    expect(s.waitMeanS).toBeCloseTo(2200, 9);
    expect([s.waitP50S, s.waitP95S, s.waitP99S]).toEqual([3000, 3600, 3600]);
    expect(s.shortfallHours).toBeCloseTo(3300 / 3600, 9);
    expect(s.availability).toBeCloseTo(1 - 3300 / 7200, 9);
    expect(s.jobsRejected).toBe(1);
  });

  test('jobs.csv: placements, times and the rejection reason', () => {
    const lines = jobsCsv.trim().split('\n');
    expect(lines[0]).toBe('policy,job,submit_s,start_s,end_s,accelerators,pool,state,reason,restarts,lost_s');
    const reactiveRows = lines.filter((l) => l.startsWith('reactive,'));
    expect(reactiveRows).toEqual([
      'reactive,0,0,0,3600,2,p,completed,,0,0',
      'reactive,1,0,720,2520,1,p,completed,,0,0',
      'reactive,2,100,,,6,,rejected,needs 6 accelerators; the largest allowed pool holds 4 (p: 2 max nodes × 2),0,0',
      'reactive,3,600,720,1320,1,p,completed,,0,0',
    ]);
    expect(lines).toContain('static,2,100,,,6,,rejected,needs 6 accelerators; the largest allowed pool holds 2 (p: 1 initial nodes × 2),0,0');
  });

  test('decisions.csv: the reactive policy adds node 1 at 120 s and releases it at 4320 s (DESIGN §12 columns)', () => {
    const lines = joinChunks(decisionsCsvChunks(runs)).trim().split('\n');
    expect(lines[0]).toBe('time_s,policy,component,pool,action,count,reason');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual(['120,reactive,autoscaler,p,add,1', '4320,reactive,autoscaler,p,release,1']);
  });

  test('series.csv: samples see the state after everything at their instant', () => {
    const rows = seriesCsv.trim().split('\n');
    expect(rows[0]).toBe('policy,time_s,pool,ready,provisioning,busy,demand,queued,cost_usd,failed');
    const at = (policy: string, t: number) => rows.find((r) => r.startsWith(`${policy},${t},*,`))!.split(',');
    // t = 0: node 0 ready (2), J0 busy (2), J1 queued (demand 3).
    expect(at('reactive', 0).slice(3, 8)).toEqual(['2', '0', '2', '3', '1']);
    // t = 1800: both nodes ready (4), J0 + J1 busy (3), nothing queued; cost 0.5 h·$10 + (1800−120)/3600·$10.
    const r1800 = at('reactive', 1800);
    expect(r1800.slice(3, 8)).toEqual(['4', '0', '3', '3', '0']);
    expect(Number(r1800[8])).toBeCloseTo(5 + (1680 / 3600) * 10, 5);
    expect(r1800[9]).toBe('0'); // no node down
    // Samples cover [0, horizon): 0, 1800, 3600, 5400 — 4 rows per policy.
    expect(rows.filter((r) => r.startsWith('reactive,') && r.includes(',*,')).length).toBe(4);
  });
});

describe('no SLO, no availability (DESIGN §4)', () => {
  test('without slo.maxQueueWait, shortfallHours and availability are null (— in the table), however long jobs wait', async () => {
    const { cli } = await import('../helpers.js');
    const r = await cli(['run', 'mmc', '--json', '--quiet']);
    const s = JSON.parse(r.stdout).runs[0].summary;
    expect([s.shortfallHours, s.availability]).toEqual([null, null]);
    expect(s.waitMeanS).toBeGreaterThan(0);
    const table = await cli(['run', 'mmc', '--quiet']);
    expect(table.stdout).toMatch(/Availability\s*│\s*—/);
  });
});
