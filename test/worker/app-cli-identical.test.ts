/** The app's worker and the CLI write the same results.json, byte for byte — per-tenant figures included (issue 10, defect 7). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EngineSession } from '../../sim-engine/worker/run-bundle.js';
import { cli } from '../helpers.js';

const session = () => new EngineSession({ sha256Hex: async (b) => createHash('sha256').update(b).digest('hex'), yieldNow: async () => {}, now: () => performance.now() });

describe('app and CLI results.json', () => {
  for (const [file, traces] of [
    ['scenarios/philly.yaml', ['traces/philly-2017-10-02-week.csv']],
    ['scenarios/failures-checkpoints.yaml', []],
    ['scenarios/schedulers.yaml', ['traces/NASA-iPSC-1993-3.1-cln.swf.gz']],
  ] as const) {
    test(`${file}: identical bytes, with tenants`, async () => {
      const cliOut = await cli(['run', file, '--json', '--quiet']);
      expect(cliOut.code).toBe(0);
      const text = readFileSync(file, 'utf8');
      const app = await session().run({ text, fileName: file.split('/').pop()!, traces: traces.map((path) => ({ path, bytes: new Uint8Array(readFileSync(`scenarios/${path}`)) })) });
      if (!app.ok) throw new Error(app.message);
      const a = app.bundle.files['results.json'];
      expect(JSON.parse(a).runs[0].byTenant.length).toBeGreaterThan(1);
      expect(a).toBe(cliOut.stdout);
    });
  }
});
