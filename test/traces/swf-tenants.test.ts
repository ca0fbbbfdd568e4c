/** SWF tenants: queue or partition by default; `columns: { tenant: user | group }` for per-user fair share; requested time (field 9). */
import { expect, test } from 'vitest';
import { importText } from '../../sim-engine/traces/index.js';
import type { JobTable } from '../../sim-engine/traces/types.js';

// job submit wait run procs cpu mem reqProcs reqTime reqMem status user group exe queue partition prec think
const SWF = [
  '; MaxProcs: 64',
  '1 0 5 100 8 -1 -1 8 200 -1 1 7 3 -1 1 -1 -1 -1',
  '2 10 -1 50 4 -1 -1 4 -1 -1 1 9 3 -1 2 -1 -1 -1',
  '3 20 0 30 2 -1 -1 2 60 -1 1 7 4 -1 -1 -1 -1 -1',
].join('\n');

const tenants = (t: JobTable) => Array.from(t.tenant!, (i) => (i < 0 ? null : t.tenants![i]));

test('by default the queue (or partition) is the tenant', () => {
  const r = importText('swf', SWF);
  expect(tenants(r.table as JobTable)).toEqual(['queue 1', 'queue 2', null]);
  expect(Array.from((r.table as JobTable).requestedS!)).toEqual([200, NaN, 60]);
});

test('columns: { tenant: user } or { tenant: group } name tenants by SWF fields 12 and 13', () => {
  expect(tenants(importText('swf', SWF, { columns: { tenant: 'user' } }).table as JobTable)).toEqual(['user 7', 'user 9', 'user 7']);
  expect(tenants(importText('swf', SWF, { columns: { tenant: 'group' } }).table as JobTable)).toEqual(['group 3', 'group 3', 'group 4']);
});

test('any other tenant column is a clear error for the file', () => {
  const r = importText('swf', SWF, { columns: { tenant: 'queue name' } });
  expect(r.fatal).toMatchObject({ line: 0, message: 'columns.tenant of an SWF log must be user or group (got "queue name")' });
});

test('the generic csv maps priority and requested columns (bad values are bad rows with their line)', () => {
  const csv = 'submit_time,duration,accelerators,prio,limit\n0,100,1,5,200\n10,50,2,,\n20,30,1,x,60\n';
  const r = importText('csv', csv, { columns: { priority: 'prio', requested: 'limit' } });
  const t = r.table as JobTable;
  expect(Array.from(t.priority!)).toEqual([5, 0]);
  expect(Array.from(t.requestedS!)).toEqual([200, NaN]);
  expect(r.issues[0]).toMatchObject({ line: 4, field: 'prio' });
});
