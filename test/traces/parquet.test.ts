import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import { jobsFromColumns } from '../../sim-engine/traces/index.js';
import { writeParquet } from './parquet-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-parquet-'));

describe('parquet (generic jobs)', () => {
  it('reads the default columns, sniffed by magic bytes', async () => {
    const p = join(dir, 'jobs.bin');
    writeFileSync(p, writeParquet([
      { name: 'submit_time', type: 'int64', values: [0, 10, 20, 30] },
      { name: 'duration', type: 'double', values: [5, -1, 7.5, 1] },
      { name: 'accelerators', type: 'int64', values: [1, 2, 8, 0] },
      { name: 'team', type: 'string', values: ['a', 'b', 'a', 'c'] },
    ]));
    const r = await readTraceFile(p, 'auto', { columns: { tenant: 'team' } });
    expect(r.fatal).toBeUndefined();
    expect(r.format).toBe('parquet');
    expect(r.records).toBe(2);
    expect(r.skipped).toBe(2);
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([[2, 'negative-duration'], [4, 'bad-accelerators']]);
    expect(r.issues[0]!.message).toBe('duration must be ≥ 0 (got -1)');
    const t = r.table;
    expect(t.kind === 'jobs' && [...t.durationS]).toEqual([5, 7.5]);
    expect(t.kind === 'jobs' && t.tenants).toEqual(['a']);
  });

  it('reports a missing column and a non-Parquet file as fatal', async () => {
    const p = join(dir, 'cols.parquet');
    writeFileSync(p, writeParquet([{ name: 'start', type: 'int64', values: [0] }]));
    expect((await readTraceFile(p, 'parquet', {})).fatal?.code).toBe('missing-column');
    const q = join(dir, 'junk.parquet');
    writeFileSync(q, 'PAR1 this is not parquet');
    expect((await readTraceFile(q, 'auto', {})).fatal?.code).toBe('bad-parquet');
  });

  it('jobsFromColumns accepts bigints, strings, Dates and end times', () => {
    const r = jobsFromColumns('parquet', {
      submit: [0n, '2020-01-01 00:00:00', new Date(Date.UTC(2020, 0, 1, 0, 1))],
      end: [10n, '2020-01-01 00:00:30', null],
      accelerators: [1, '2', 1.5],
    }, 3, { submit: 's', end: 'e', accelerators: 'a' });
    expect(r.records).toBe(2);
    expect(r.issues[0]).toMatchObject({ line: 3, code: 'missing-value' });
    expect(r.table.kind === 'jobs' && [...r.table.durationS]).toEqual([10, 30]);
  });
});
