/** Spot availability and stockouts (DESIGN §11): unfulfilled requests fail at the end of provisioning, unbilled, logged, seen by autoscalers. */
import { describe, expect, test } from 'vitest';
import { summarize } from '../../sim-engine/metrics/summary.js';
import type { Autoscaler, AutoscalerView } from '../../sim-engine/policies/types.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { makeSim, pool } from './harness.js';

/** Requests `count` nodes at 100 and reads the view at 500. */
function requester(count: number, seen: AutoscalerView[][] = []): Autoscaler {
  return {
    name: 'test',
    capacityBound: (p) => ({ nodes: p.max, limit: 'max' }),
    firstWakeS: () => 100,
    decide(view, sink) {
      if (view.now === 100) {
        sink.add(0, count, 'grow');
        return 500;
      }
      seen.push([view]);
      return Infinity;
    },
    mayStillAct: () => false,
  };
}

describe('unfulfilled requests', () => {
  test('an unavailable spot request is never billed, is logged, and autoscalers see it', () => {
    let unfulfilled = -1;
    const a = requester(1);
    const decide = a.decide.bind(a);
    a.decide = (view, sink) => {
      if (view.now === 500) unfulfilled = view.pools[0]!.unfulfilledRequests;
      return decide(view, sink);
    };
    const sim = makeSim({
      pools: [pool({ name: 's', purchase: 'spot', initial: 0, max: 1, availability: 1e-12, pricePerNodeHour: 3600, provisioning: { dist: 'constant', value: 60 } })],
      jobs: [[0, 10, 1]],
      autoscaler: a,
      horizonS: 1000,
      sampleEveryS: 50,
    });
    sim.run();
    expect(sim.decisions.map((d) => [d.timeS, d.action, d.count])).toEqual([[100, 'add', 1], [160, 'unfulfilled', 1]]);
    expect(sim.decisions[1]!.reason).toBe('request for node 0 not fulfilled (spot availability 1e-12)');
    expect(unfulfilled).toBe(1);
    expect(summarize(sim.summaryInput()).summary.costUsd).toBe(0);
    // Shown as provisioning while the request is pending (150), gone after (200).
    const s = sim.seriesData();
    expect([s.provisioning[3 * 2 + 1], s.provisioning[4 * 2 + 1]]).toEqual([8, 0]);
  });

  test('a fulfilled fraction matching the availability over many requests; a stockout works the same on demand', () => {
    for (const [extra, p] of [[{ purchase: 'spot' as const, availability: 0.7 }, 0.7], [{ stockout: { probability: 0.25 } }, 0.75]] as const) {
      const sim = makeSim({ pools: [pool({ name: 'p', initial: 0, max: 4000, ...extra })], jobs: [[0, 10, 1]], autoscaler: requester(4000), horizonS: 1000 });
      sim.run();
      const failed = sim.decisions.filter((d) => d.action === 'unfulfilled').length;
      const ok = 4000 - failed;
      expect(Math.abs(ok - 4000 * p)).toBeLessThan(4 * Math.sqrt(4000 * p * (1 - p)));
      // Billed: only fulfilled nodes, from their request at 100 to the end.
      expect(summarize(sim.summaryInput()).summary.acceleratorHoursBilled).toBeCloseTo((ok * 8 * 900) / 3600, 6);
    }
  });

  test('availability is for spot pools, stockouts for the others; both are probabilities', () => {
    const issues = (pools: string) => {
      const r = loadScenario(`name: x\nseed: 1\nhorizon: 1d\nworkload: [{ kind: synthetic, arrivals: { ratePerHour: 1 }, accelerators: 1, duration: 1h }]\nfleet: { pools: [${pools}] }\npolicies: [{ name: s, autoscaler: { kind: static } }]\n`, 'x.yaml');
      return r.ok ? [] : r.issues.map((i) => i.message);
    };
    expect(issues('{ name: p, accelerator: nvidia-l4, perNode: 1, availability: 0.5 }')[0]).toMatch(/^applies to spot pools/);
    expect(issues('{ name: p, accelerator: nvidia-l4, perNode: 1, purchase: spot, stockout: { probability: 0.1 } }')[0]).toMatch(/got stockout on purchase "spot"/);
    expect(issues('{ name: p, accelerator: nvidia-l4, perNode: 1, purchase: spot, availability: 0 }')[0]).toMatch(/^must be in \(0, 1\] \(got 0\)/);
    expect(issues('{ name: p, accelerator: nvidia-l4, perNode: 1, stockout: { probability: 1 } }')[0]).toMatch(/^must be in \[0, 1\) \(got 1\)/);
    expect(issues('{ name: p, accelerator: nvidia-l4, perNode: 1, purchase: spot, availability: 1 }')).toEqual([]);
  });
});
