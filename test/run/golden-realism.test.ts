/**
 * A hand-checked scenario through the whole pipeline (CLI files): one 8-accelerator job of
 * 1000 s on a spot node ($1 per node-second, A100: 400 W busy, 120 W idle) that the recorded
 * history preempts at 700 s with a 50 s notice; checkpoints every 300 s, each a 20 s pause.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers.js';

describe('golden: spot preemption with notice and checkpoint cost', () => {
  test('restart, lost work, billing, energy and the new columns, to the second', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fleetlab-golden-realism-'));
    const r = await cli(['run', 'test/fixtures/golden/spot-checkpoint/scenario.yaml', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const s = results.runs[0].summary;
    // Run 1 from 0: checkpoints complete at 320 and 640 (300 s of work + 20 s pause each).
    // Preempted at 700, killed at the end of the notice, 750: 600 s of work kept, 750 − 640 = 110 s lost.
    expect(s.preemptions).toBe(1);
    expect(s.jobRestarts).toBe(1);
    expect(s.jobsPreempted).toBe(0); // no scheduler preempted anything
    expect(s.nodeFailures).toBe(0);
    expect(s.acceleratorHoursLost).toBeCloseTo((8 * 110) / 3600, 9);
    // The replacement boots at once (provisioning 0); run 2 from 750: 400 s of work + one
    // checkpoint pause (at 300 s; none at the end) = 420 s, so it ends at 1170.
    const jobs = readFileSync(join(out, 'jobs.csv'), 'utf8').trim().split('\n');
    expect(jobs).toEqual(['policy,job,submit_s,start_s,end_s,accelerators,pool,state,reason,restarts,lost_s', 'fixed,0,0,750,1170,8,s,completed,,1,110']);
    expect(s.acceleratorHoursBusy).toBeCloseTo((8 * (750 + 420)) / 3600, 9);
    // Node 0 billed 0–750, node 1 750–2000: 2000 node-seconds at $1.
    expect(s.costUsd).toBeCloseTo(2000, 9);
    // Energy: busy 8 × 400 W for 1170 s, idle 8 × 120 W for 830 s → 4.5408 MJ; × PUE 1.2 × $0.5/kWh.
    expect(s.energyKwh).toBeCloseTo((8 * 400 * 1170 + 8 * 120 * 830) / 3.6e6, 9);
    expect(s.energyCostUsd).toBeCloseTo(s.energyKwh * 1.2 * 0.5, 9);
    expect(results.runs[0].byPool).toEqual([{ pool: 's', purchase: 'spot', accelerator: 'nvidia-a100-80gb', nodeHoursBilled: expect.closeTo(2000 / 3600, 9), acceleratorHoursBilled: expect.closeTo((8 * 2000) / 3600, 9), acceleratorHoursBusy: expect.closeTo(s.acceleratorHoursBusy, 9), costUsd: expect.closeTo(2000, 9), preemptions: 1, nodeFailures: 0, energyKwh: expect.closeTo(s.energyKwh, 9) }]);
    // series.csv: the failed column is last, 0 here (no node failed).
    const series = readFileSync(join(out, 'series.csv'), 'utf8').trim().split('\n');
    expect(series[0]!.endsWith(',cost_usd,failed')).toBe(true);
    expect(series.slice(1).every((l) => l.endsWith(',0'))).toBe(true);
    // The table shows the fault rows this run has and leaves out the ones it has not.
    const table = await cli(['run', 'test/fixtures/golden/spot-checkpoint/scenario.yaml', '--quiet']);
    expect(table.stdout).toMatch(/Spot preemptions\s*│\s*1 /);
    expect(table.stdout).toMatch(/Energy cost\s*│\s*\$0\.76/);
    expect(table.stdout).not.toMatch(/Node failures/);
  });
});
