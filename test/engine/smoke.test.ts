import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { runPolicy } from '../../sim-engine/run/index.js';

test('smoke', () => {
  for (const f of ['default', 'mmc', 'bursty']) {
    const r = loadScenario(readFileSync(`scenarios/${f}.yaml`, 'utf8'), `${f}.yaml`);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    for (let i = 0; i < r.scenario.policies.length; i++) {
      const t0 = performance.now();
      const res = runPolicy(r.scenario, i, r.scenario.seed, new Map());
      console.log(f, res.policy, (performance.now() - t0).toFixed(0), 'ms', res.eventsProcessed, JSON.stringify(res.summary), res.decisions.length);
    }
  }
});
