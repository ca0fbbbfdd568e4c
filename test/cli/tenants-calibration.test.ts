import { describe, expect, test } from 'vitest';
import { cli } from '../helpers.js';

describe('tenants and calibration', async () => {
  const res = await cli(['run', 'test/fixtures/calibration/tiny.yaml', '--json', '--quiet']);
  const j = JSON.parse(res.stdout);

  test('drain runs until every job ends', () => {
    expect(res.code).toBe(0);
    expect(j.runs[0].summary.jobsCompleted).toBe(4);
    expect(j.runs[0].summary.jobsUnfinished).toBe(0);
  });

  test('recorded vs simulated waits, side by side', () => {
    const [one, two] = j.runs.map((r: { calibration: unknown[] }) => r.calibration[0]);
    expect(one.jobs).toBe(4);
    expect(one.recorded).toEqual({ waitMeanS: 67.5, waitP50S: 0, waitP95S: 180, waitP99S: 180 });
    // One processor reproduces history exactly; two processors remove most of the waiting.
    expect(one.simulated).toEqual(one.recorded);
    expect(two.simulated.waitP99S).toBe(80); // job 3 waits for job 1 to end at 100
  });

  test('byTenant: jobs, waits, busy hours and cost shares per partition', () => {
    const by = j.runs[0].byTenant;
    expect(by.map((t: { tenant: string }) => t.tenant).sort()).toHaveLength(2);
    const total = by.reduce((a: number, t: { costShareUsd: number }) => a + t.costShareUsd, 0);
    expect(total).toBeCloseTo(j.runs[0].summary.costUsd, 6);
    const busy = by.reduce((a: number, t: { acceleratorHoursBusy: number }) => a + t.acceleratorHoursBusy, 0);
    expect(busy).toBeCloseTo(j.runs[0].summary.acceleratorHoursBusy, 9);
    expect(by.reduce((a: number, t: { jobsSubmitted: number }) => a + t.jobsSubmitted, 0)).toBe(4);
  });

  test('the table shows the calibration and tenant sections', async () => {
    const t = await cli(['run', 'test/fixtures/calibration/tiny.yaml', '--quiet']);
    expect(t.stdout).toMatch(/Recorded vs simulated waits — tiny\.swf \(4 jobs\)/);
    expect(t.stdout).toMatch(/By tenant/);
  });
});
