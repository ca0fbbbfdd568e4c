/** Recorded spot histories (`preemption: { trace }`): parsing, replay in order, and both hosts. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseSpotLifetimes } from '../../sim-engine/traces/spot-lifetimes.js';
import { createSimulation, loadSpotHistories } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { EngineSession } from '../../sim-engine/worker/run-bundle.js';
import { cli } from '../helpers.js';

const dir = 'test/fixtures/spot';

describe('spot histories', () => {
  test('parses lifetimes in file order; bad rows and a missing header are reported with their line', () => {
    const ok = parseSpotLifetimes('node,start_s,end_s\na,0,10\n\n# comment\nb,5,25\n');
    expect(ok.ok && Array.from(ok.lifetimesS)).toEqual([10, 20]);
    const bad = parseSpotLifetimes(readFileSync(`${dir}/bad.csv`, 'utf8'));
    expect(bad.ok && bad.issues).toEqual([{ line: 3, message: 'end_s must be after start_s (got 2000, 1500)' }]);
    const none = parseSpotLifetimes('id,from,to\n1,2,3\n');
    expect(none).toEqual({ ok: false, line: 1, message: 'a spot history needs the columns node,start_s,end_s (got "id,from,to")' });
  });

  test('node lifetimes are replayed in order (then again), each preempted node replaced by the static fleet', async () => {
    const r = loadScenario(readFileSync(`${dir}/spot-trace.yaml`, 'utf8'), 'spot-trace.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const loaded = await loadSpotHistories(r.scenario, async (p) => ({ text: readFileSync(`${dir}/${p}`, 'utf8') }));
    expect(loaded).toEqual({ ok: true });
    const sim = createSimulation(r.scenario, 0, 1, new Map());
    sim.run();
    // Lifetimes 100, 300, 100, 300, …: preempted at 100, 400, 500, 800, 900.
    expect(sim.decisions.filter((d) => d.action === 'add').map((d) => d.timeS)).toEqual([100, 400, 500, 800, 900]);
    expect(sim.faultTotals()[0]!.preemptions).toBe(5);
    // One node billed all along (each replacement boots at once): $1 per node-second.
    expect(sim.poolTotals()[0]!.costWinUsd).toBeCloseTo(1000, 6);
  });

  test('the CLI reads the history beside the scenario and reports a bad one as PATH:LINE, exit 2; the app does the same from bytes', async () => {
    const good = await cli(['run', `${dir}/spot-trace.yaml`, '--json', '--quiet']);
    expect(good.code).toBe(0);
    const text = readFileSync(`${dir}/spot-trace.yaml`, 'utf8');
    const badYaml = text.replace('trace: history.csv', 'trace: bad.csv');
    const { writeFileSync, mkdtempSync, copyFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const tmp = mkdtempSync(join(tmpdir(), 'fleetlab-spot-'));
    copyFileSync(`${dir}/bad.csv`, join(tmp, 'bad.csv'));
    writeFileSync(join(tmp, 's.yaml'), badYaml);
    const bad = await cli(['run', join(tmp, 's.yaml'), '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv:3: end_s must be after start_s \(got 2000, 1500\) \(1 bad row in the spot history of pool s\)/);
    writeFileSync(join(tmp, 'missing.yaml'), text.replace('trace: history.csv', 'trace: nope.csv'));
    const missing = await cli(['run', join(tmp, 'missing.yaml'), '--quiet']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv:1: cannot read the spot history: no such file \(got nope\.csv\)/);

    const session = new EngineSession({ sha256Hex: async () => 'x', yieldNow: async () => {}, now: () => 0 });
    expect(session.check(text, 'spot-trace.yaml')).toMatchObject({ ok: true, tracePaths: ['history.csv'] });
    const app = await session.run({ text, fileName: 'spot-trace.yaml', traces: [{ path: 'history.csv', bytes: new Uint8Array(readFileSync(`${dir}/history.csv`)) }] });
    expect(app.ok && JSON.parse(app.bundle.files['results.json']).runs).toEqual(JSON.parse(good.stdout).runs);
    const lacking = await session.run({ text, fileName: 'spot-trace.yaml' });
    expect(!lacking.ok && lacking.message).toMatch(/the spot history history\.csv is needed/);
  });
});
