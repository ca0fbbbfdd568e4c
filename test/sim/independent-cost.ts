/** Cost recomputed without the engine's meters: from the scenario's initial fleet and the decision log (conservation tests). */
import { findAccelerator } from '../../sim-engine/model/catalog.js';
import type { RunResult } from '../../sim-engine/metrics/types.js';
import type { Scenario } from '../../sim-engine/scenario/schema.js';

/** Σ over pools of billed node-hours in the window × price, from the initial fleet and the decision log alone. */
export function independentCost(scenario: Scenario, run: RunResult): number {
  const horizon = scenario.horizon as number;
  const warmup = scenario.warmup;
  let total = 0;
  for (const pool of scenario.fleet.pools) {
    const acc = findAccelerator(pool.accelerator)!;
    const price = pool.pricePerNodeHour ?? (acc.prices[pool.purchase] ?? acc.prices['on-demand']) * pool.perNode;
    let live = pool.initial;
    let t = 0;
    let nodeSeconds = 0;
    const billed = () => (pool.purchase === 'reserved' ? Math.max(live, pool.min) : live);
    const advance = (to: number) => {
      const a = Math.max(t, warmup);
      const b = Math.min(to, horizon);
      if (b > a) nodeSeconds += (b - a) * billed();
      t = to;
    };
    // Only adds and releases change the billed fleet (refusals and unfulfilled requests are never billed: no spot availability here).
    for (const d of run.decisions.filter((x) => x.pool === pool.name && (x.action === 'add' || x.action === 'release'))) {
      advance(d.timeS);
      live += d.action === 'add' ? d.count : -d.count;
    }
    advance(horizon);
    total += (nodeSeconds / 3600) * price;
  }
  return total;
}
