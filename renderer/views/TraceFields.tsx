/**
 * A trace workload entry's fields (the `kind: trace` branch of the scenario schema): the file
 * and its format, the replayed window and scales, the tenant filter, the accelerator map,
 * calibration against the recorded waits, and the generic CSV/Parquet column mapping.
 */
import { useState } from 'react';
import type { AcceleratorInfo } from '../state/catalog';
import { WORKLOAD_CLASSES } from '../state/catalog';
import { getIn, pathKey, setIn, type DocPath, type Json } from '../state/scenario-doc';
import { TRACE_FORMATS } from '../state/trace-formats';
import { acceleratorOptions, Field, isObj, ListField, Messages, MoreFields, show, type Ctx } from './form-fields';

const JOB_FORMATS = TRACE_FORMATS.filter((f) => f.kind === 'jobs');
const FORMAT_OPTIONS = [{ value: 'auto', label: 'auto (detect)' }, ...JOB_FORMATS.map((f) => ({ value: f.id, label: f.id }))];
const COLUMN_ROLES: { role: string; label: string; placeholder?: string }[] = [
  { role: 'submit', label: 'Submit time column', placeholder: 'submit_time' },
  { role: 'duration', label: 'Duration column', placeholder: 'duration' },
  { role: 'end', label: 'End time column (instead of a duration)' },
  { role: 'accelerators', label: 'Accelerators column', placeholder: 'accelerators' },
  { role: 'tenant', label: 'Tenant column' },
  { role: 'acceleratorType', label: 'Accelerator type column' },
  { role: 'priority', label: 'Priority column' },
  { role: 'requested', label: 'Requested runtime column' },
];

/** Rename a record's key, keeping the order of its keys (a new object: an undo restores the order too). */
function renameKey(draft: Record<string, unknown>, path: DocPath, from: string, to: string): void {
  const record = getIn(draft, path) as Record<string, Json>;
  setIn(draft, path, Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v])));
}

/** Delete a record's key; the record goes too when it is left empty. */
function removeKey(draft: Record<string, unknown>, path: DocPath, name: string): void {
  const rec = getIn(draft, path) as Record<string, Json>;
  delete rec[name];
  if (Object.keys(rec).length === 0) delete (getIn(draft, path.slice(0, -1)) as Record<string, Json>)[String(path[path.length - 1])];
}

/** A key typed freely; the rename is written when the field is left (or on Enter), so half-typed names never collide. */
function KeyInput({ value, label, dataPath, taken, onRename }: { value: string; label: string; dataPath: string; taken: (name: string) => boolean; onRename: (name: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? value;
  const clash = draft !== null && draft !== value && (draft.trim() === '' || taken(draft.trim()));
  const commit = () => {
    if (draft !== null && !clash && draft.trim() !== value) onRename(draft.trim());
    setDraft(null);
  };
  return (
    <input
      className={`input${clash ? ' invalid' : ''}`}
      aria-label={label}
      data-path={dataPath}
      aria-invalid={clash || undefined}
      title={clash ? 'needs a name not used yet' : undefined}
      value={text}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}

/** acceleratorMap: the trace's accelerator names → catalog ids, one row each, and a row to add one. */
function AcceleratorMapField({ ctx, path, catalog }: { ctx: Ctx; path: DocPath; catalog: readonly AcceleratorInfo[] }) {
  const key = pathKey(path);
  const value = getIn(ctx.doc, path);
  const map = isObj(value) ? value : {};
  const names = Object.keys(map);
  const [newName, setNewName] = useState('');
  const [newAcc, setNewAcc] = useState(catalog[0]?.id ?? '');
  const ids = catalog.map((a) => a.id);
  const accSelect = (current: string, label: string, onPick: (id: string) => void, rowPath?: string) => {
    const bad = !!(rowPath && ctx.problems.get(rowPath)?.length);
    return (
    <select className={`input${bad ? ' invalid' : ''}`} aria-label={label} data-path={rowPath} aria-invalid={bad || undefined} aria-describedby={bad ? `f-${key}-err` : undefined} value={current} onChange={(e) => onPick(e.target.value)}>
      {!ids.includes(current) && <option value={current}>{current ? `${current} (unknown)` : ''}</option>}
      {catalog.map((a) => (
        <option key={a.id} value={a.id} title={`${a.vendor} ${a.name} (${a.id})`}>
          {a.name}
        </option>
      ))}
    </select>
    );
  };
  const add = () => {
    const name = newName.trim();
    if (!name || names.includes(name)) return;
    ctx.c.edit([...path, name], newAcc, false);
    setNewName('');
  };
  const msgs = [...new Set([...(ctx.problems.get(key) ?? []), ...names.flatMap((n) => ctx.problems.get(`${key}.${n}`) ?? [])])];
  return (
    <div className="field wide acc-map" data-path={key}>
      <label>Accelerator map</label>
      <div className="acc-map-rows">
        {names.map((n) => (
          <div className="acc-map-row" key={n}>
            <KeyInput value={n} label={`Trace accelerator name ${n}`} dataPath={`${key}.${n}.name`} taken={(x) => names.includes(x)} onRename={(to) => ctx.c.change((d) => renameKey(d, path, n, to))} />
            <span className="muted">→</span>
            {accSelect(show(map[n]), `Catalog accelerator for ${n}`, (id) => ctx.c.edit([...path, n], id, false), `${key}.${n}`)}
            <button className="icon-btn" aria-label={`Remove the mapping of ${n}`} title="Remove" onClick={() => ctx.c.change((d) => removeKey(d, path, n))}>
              ✕
            </button>
          </div>
        ))}
        <div className="acc-map-row">
          <input className="input" aria-label="Name in the trace" data-path={`${key}.+name`} placeholder="name in the trace, e.g. V100" value={newName} onChange={(e) => setNewName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} />
          <span className="muted">→</span>
          {accSelect(newAcc, 'Catalog accelerator for the new name', setNewAcc)}
          <button className="btn sm" data-testid={`${key}-add`} disabled={!newName.trim() || names.includes(newName.trim())} onClick={add}>
            Add
          </button>
        </div>
      </div>
      <div className="field-hint">the trace&apos;s accelerator names (e.g. V100) as catalog accelerators</div>
      <Messages messages={msgs.length ? msgs : undefined} id={`f-${key}-err`} />
    </div>
  );
}

export function TraceFields({ ctx, index, entry, catalog, traces }: { ctx: Ctx; index: number; entry: Record<string, unknown>; catalog: readonly AcceleratorInfo[]; traces: readonly string[] }) {
  const base = ['workload', index];
  const format = typeof entry.format === 'string' ? entry.format : 'auto';
  const generic = format === 'csv' || format === 'parquet';
  const rebasePath = [...base, 'rebase'];
  return (
    <div className="grid-fields">
      <Field ctx={ctx} path={[...base, 'path']} label="Trace file" required wide suggestions={traces} hint="relative to the scenario file; open the file with “Open trace…” to run it here" />
      <Field ctx={ctx} path={[...base, 'format']} label="Format" kind="select" options={FORMAT_OPTIONS} absentAs="auto" hint={JOB_FORMATS.find((f) => f.id === format)?.label ?? 'read from the file’s contents'} />
      <Field ctx={ctx} path={[...base, 'name']} label="Name" hint="shown in the results" />
      <Field ctx={ctx} path={[...base, 'from']} label="From" kind="duration" placeholder="the first record" hint="replay from this long after the trace's first record" />
      <Field ctx={ctx} path={[...base, 'to']} label="To" kind="duration" placeholder="the last record" hint="…until this long after it" />
      <Field ctx={ctx} path={[...base, 'timeScale']} label="Time scale" kind="number" placeholder="1" hint="> 1 stretches arrivals in time" />
      <Field ctx={ctx} path={[...base, 'loadScale']} label="Load scale" kind="number" placeholder="1" hint="thins or replicates arrivals (growth)" />
      <ListField ctx={ctx} path={[...base, 'filter', 'tenant']} label="Only tenants" parse={(t) => t} placeholder="every tenant" hint="names separated by commas" />
      <Field ctx={ctx} path={[...base, 'measuredOn']} label="Measured on" kind="select" options={acceleratorOptions(catalog)} emptyLabel="reference (speed 1)" hint="the accelerator the trace's durations were measured on" />
      <AcceleratorMapField ctx={ctx} path={[...base, 'acceleratorMap']} catalog={catalog} />
      <Field ctx={ctx} path={[...base, 'compareRecorded']} label="Compare recorded waits" kind="checkbox" hint="recorded vs simulated waits in the results (SWF, openb, Helios)" />
      <MoreFields ctx={ctx} label="Strict, time base, priority, class, checkpoints" paths={['strict', 'rebase', 'timeUnit', 'priority', 'class', 'checkpointEvery', 'checkpointCost'].map((k) => [...base, k])}>
        <Field ctx={ctx} path={[...base, 'strict']} label="Strict" kind="checkbox" hint="any bad row stops the run (default: skipped and reported)" />
        <Field
          ctx={ctx}
          path={rebasePath}
          label="Shift to t = 0"
          kind="select"
          options={[{ value: 'true', label: 'yes' }, { value: 'false', label: 'no' }]}
          emptyLabel="auto (only for dates)"
          onValue={(v) => ctx.c.edit(rebasePath, v === undefined ? undefined : v === 'true', false)}
        />
        <Field ctx={ctx} path={[...base, 'timeUnit']} label="Time unit" kind="duration" placeholder="1s" hint="seconds per unit of the time columns" />
        <Field ctx={ctx} path={[...base, 'priority']} label="Priority" kind="number" placeholder="0" hint="for jobs the trace gives none" />
        <Field ctx={ctx} path={[...base, 'class']} label="Class" kind="select" options={WORKLOAD_CLASSES.map((c) => ({ value: c, label: c }))} emptyLabel="training (default)" hint="sets the catalog speed per pool" />
        <Field ctx={ctx} path={[...base, 'checkpointEvery']} label="Checkpoint every" kind="duration" placeholder="none" hint="killed jobs resume from their last checkpoint" />
        <Field ctx={ctx} path={[...base, 'checkpointCost']} label="Checkpoint cost" kind="duration" placeholder="0" />
      </MoreFields>
      {generic && (
        <fieldset className="field wide nested">
          <legend>Columns</legend>
          <div className="grid-fields">
            {COLUMN_ROLES.map((c) => (
              <Field key={c.role} ctx={ctx} path={[...base, 'columns', c.role]} label={c.label} placeholder={c.placeholder ?? 'none'} />
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}
