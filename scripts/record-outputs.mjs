// Records the SHA-256s of the outputs the regression test (test/run/outputs-unchanged.test.ts)
// compares against. Run after `npm run build:cli`. Re-record only when a fix requires results
// to move, and say so in the commit.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../dist/sim-engine/cli/main.js';

const cases = {
  default: ['default'],
  mmc: ['mmc'],
  bursty: ['bursty'],
  philly: ['philly'],
  'default, 3 replications': ['default', '--replications', '3'],
  'bursty, seed 5, two policies': ['bursty', '--seed', '5', '--policy', 'reactive-patient', '--policy', 'reserved-only'],
  golden: ['test/fixtures/golden/two-nodes.yaml'],
  calibration: ['test/fixtures/calibration/tiny.yaml'],
  'mixed fleet': ['test/fixtures/outputs/mixed-fleet.yaml'],
  'philly drained': ['test/fixtures/outputs/philly-drain.yaml'],
};
const out = {};
for (const [name, args] of Object.entries(cases)) {
  const dir = mkdtempSync(join(tmpdir(), 'fleetlab-record-'));
  let err = '';
  const code = await main(['run', ...args, '--out', dir, '--quiet', '--json'], { stdout: () => {}, stderr: (s) => void (err += s) });
  if (code !== 0) throw new Error(`${name}: exit ${code}: ${err}`);
  const files = {};
  for (const f of ['results.json', 'series.csv', 'jobs.csv']) files[f] = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  out[name] = { args, files };
  console.log(name, files);
}
writeFileSync('test/fixtures/outputs/expected.json', `${JSON.stringify(out, null, 2)}\n`);
