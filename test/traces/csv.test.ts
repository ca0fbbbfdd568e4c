import { describe, expect, it } from 'vitest';
import { importText, sniffFormat, createImporter } from '../../sim-engine/traces/index.js';
import type { JobTable } from '../../sim-engine/traces/index.js';

const HEADER = 'submit_time,duration,accelerators\n';

describe('csv importer', () => {
  it('imports the default columns', () => {
    const r = importText('csv', `${HEADER}0,10,1\n5,20.5,2.5\n`);
    expect(r.fatal).toBeUndefined();
    expect(r.records).toBe(2);
    const t = r.table as JobTable;
    expect([...t.submitS]).toEqual([0, 5]);
    expect([...t.durationS]).toEqual([10, 20.5]);
    expect([...t.accelerators]).toEqual([1, 3]);
    expect(r.startS).toBe(0);
    expect(r.endS).toBe(5);
  });

  it('skips bad rows with line, column and the offending value', () => {
    const r = importText('csv', `${HEADER}0,10,1\n1,-3,1\n2,abc,1\n3,4\n4,,1\n5,1,0\n`);
    expect(r.records).toBe(1);
    expect(r.skipped).toBe(5);
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [3, 'negative-duration'], [4, 'bad-number'], [5, 'too-few-fields'], [6, 'missing-value'], [7, 'bad-accelerators'],
    ]);
    expect(r.issues[0]!.message).toBe('duration must be ≥ 0 (got -3)');
    expect(r.issues[0]!.column).toBe(3);
    expect(r.issues[1]!.message).toMatch(/\(got "abc"\)$/);
  });

  it('maps columns, units, comments and end times', () => {
    const text = '# comment\nstart_ms;stop_ms;gpus;team\n1000;4000;8;a\n2000;2500;1;b\n';
    const r = importText('csv', text, { columns: { submit: 'start_ms', end: 'stop_ms', accelerators: 'gpus', tenant: 'team' }, timeUnitS: 1e-3, commentPrefix: '#', delimiter: ';' });
    expect(r.fatal).toBeUndefined();
    const t = r.table as JobTable;
    expect([...t.submitS]).toEqual([1, 2]);
    expect([...t.durationS]).toEqual([3, 0.5]);
    expect(t.tenants).toEqual(['a', 'b']);
  });

  it('handles quoted fields, CRLF, BOM, and timestamps', () => {
    const r = importText('csv', '\uFEFFsubmit_time,duration,accelerators,note\r\n"2020-01-01 00:00:10",5,1,"a,b"\r\n"2020-01-01 00:00:20","6",2,"multi\nline"\r\n');
    expect(r.fatal).toBeUndefined();
    expect(r.records).toBe(2);
    const t = r.table as JobTable;
    expect(t.submitS[1]! - t.submitS[0]!).toBe(10);
  });

  it('is fatal on empty file, missing column, zero usable rows and long lines', () => {
    expect(importText('csv', '').fatal?.code).toBe('empty-file');
    expect(importText('csv', 'a,b,c\n1,2,3\n').fatal?.code).toBe('missing-column');
    expect(importText('csv', `${HEADER}1,-1,1\n`).fatal?.code).toBe('no-records');
    expect(importText('csv', HEADER).fatal?.code).toBe('no-records');
    expect(importText('csv', `${HEADER}${'1'.repeat(1024 * 1024 + 10)},1,1\n`, {}, 65536).fatal?.code).toBe('line-too-long');
  });

  it('caps the issue list at 20 with an exact count', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},-1,1`).join('\n');
    const r = importText('csv', `${HEADER}0,1,1\n${rows}\n`);
    expect(r.issues).toHaveLength(20);
    expect(r.issueCount).toBe(50);
    expect(r.skipped).toBe(50);
  });

  it('gives the same result whatever the chunk size', () => {
    const text = `${HEADER}0,10,1\n"1","2\n",3\n2,3,4\r\n3,x,1\n4,5,6`;
    const whole = importText('csv', text);
    for (const n of [1, 2, 3, 5, 7, 13]) expect(importText('csv', text, {}, n)).toEqual(whole);
  });
});

describe('registry', () => {
  it('sniffs the generic csv and rejects unknown formats', () => {
    expect(sniffFormat(HEADER)).toEqual({ format: 'csv' });
    const s = sniffFormat('foo,bar\n1,2\n');
    expect('error' in s && s.error).toMatch(/unrecognized trace format/);
    const c = createImporter('nope');
    expect('error' in c && c.error).toMatch(/unknown trace format \(got "nope"/);
  });
});
