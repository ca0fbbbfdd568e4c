/** The real slices committed under scenarios/traces import completely, with the counts in their SOURCE.md. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';

const DIR = resolve(__dirname, '../../scenarios/traces');

describe('bundled slices (scenarios/traces)', () => {
  it.each([
    ['philly-2017-10-02-week.csv', 'philly', 11_386],
    ['philly-cluster_machine_list', 'philly-machines', 552],
    ['NASA-iPSC-1993-3.1-cln.swf.gz', 'swf', 18_239],
    ['azure-llm-2023-code.csv', 'azure-llm-2023', 8819],
  ])('%s → %s, %i records', async (file, format, rows) => {
    const r = await readTraceFile(resolve(DIR, file), 'auto', {});
    expect(r.fatal).toBeUndefined();
    expect(r.format).toBe(format);
    expect(r.records).toBe(rows);
    expect(r.skipped + r.filtered).toBe(0);
  });

  it('the Philly week spans 7 days and the machine list holds 2,490 GPUs', async () => {
    const w = await readTraceFile(resolve(DIR, 'philly-2017-10-02-week.csv'), 'philly', {});
    expect(w.endS! - w.startS!).toBeLessThan(7 * 86400);
    const m = await readTraceFile(resolve(DIR, 'philly-cluster_machine_list'), 'philly-machines', {});
    expect(m.table.kind === 'nodes' && m.table.pools.map((p) => [p.model, p.nodes, p.acceleratorsPerNode])).toEqual([['philly-12GB', 321, 2], ['philly-24GB', 231, 8]]);
  });
});
