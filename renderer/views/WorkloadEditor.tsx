/**
 * The workload section: entries added (a synthetic generator or a recorded trace), removed and
 * reordered with buttons (keyboard: Tab to them, Enter or Space; focus follows the moved
 * entry), each entry's fields in the form — arrivals, the accelerator and duration
 * distributions of a generator, the replay settings of a trace (TraceFields.tsx).
 */
import { WORKLOAD_CLASSES, type AcceleratorInfo } from '../state/catalog';
import type { Json } from '../state/scenario-doc';
import { DistributionField } from './DistributionField';
import { acceleratorOptions, Field, isObj, Messages, MoreFields, show, type Ctx } from './form-fields';
import { TraceFields } from './TraceFields';

/** What "+ Synthetic" adds: a small generator that is valid as it stands. */
const NEW_SYNTHETIC: Json = { kind: 'synthetic', arrivals: { ratePerHour: 10 }, accelerators: 1, duration: '1h' };
/** What "+ Trace" adds: the file is for the user to name (an empty required field). */
const NEW_TRACE: Json = { kind: 'trace', format: 'auto' };

function SyntheticFields({ ctx, index, entry, catalog }: { ctx: Ctx; index: number; entry: Record<string, unknown>; catalog: readonly AcceleratorInfo[] }) {
  const base = ['workload', index];
  const diurnal = isObj(entry.arrivals) && entry.arrivals.profile === 'diurnal';
  return (
    <div className="grid-fields">
      <Field ctx={ctx} path={[...base, 'name']} label="Name" hint="shown in the results" />
      <Field ctx={ctx} path={[...base, 'arrivals', 'ratePerHour']} label="Jobs per hour" kind="number" required hint="mean arrival rate (Poisson)" />
      <Field ctx={ctx} path={[...base, 'arrivals', 'profile']} label="Daily profile" kind="select" options={[{ value: 'flat', label: 'flat' }, { value: 'diurnal', label: 'diurnal (daily cycle)' }]} absentAs="flat" />
      {diurnal && <Field ctx={ctx} path={[...base, 'arrivals', 'peakHour']} label="Peak hour" kind="number" placeholder="14" hint="0–23, t = 0 is midnight" />}
      {diurnal && <Field ctx={ctx} path={[...base, 'arrivals', 'peakToTrough']} label="Peak ÷ trough rate" kind="number" placeholder="1" />}
      <DistributionField ctx={ctx} path={[...base, 'accelerators']} label="Accelerators per job" of="count" required />
      <DistributionField ctx={ctx} path={[...base, 'duration']} label="Duration" of="duration" required hint="run time on the reference accelerator (speed 1.0)" />
      <Field ctx={ctx} path={[...base, 'acceleratorType']} label="Accelerator type" kind="select" options={acceleratorOptions(catalog)} emptyLabel="any pool" hint="jobs run only on pools of this type" />
      <Field ctx={ctx} path={[...base, 'loadScale']} label="Load scale" kind="number" placeholder="1" hint="× arrival rate (growth)" />
      <MoreFields ctx={ctx} label="Tenant, priority, checkpoints, class" paths={['tenant', 'priority', 'checkpointEvery', 'checkpointCost', 'class'].map((k) => [...base, k])}>
        <Field ctx={ctx} path={[...base, 'tenant']} label="Tenant" hint="for per-tenant results and fair-share" />
        <Field ctx={ctx} path={[...base, 'priority']} label="Priority" kind="number" placeholder="0" hint="higher first (priority scheduler)" />
        <Field ctx={ctx} path={[...base, 'checkpointEvery']} label="Checkpoint every" kind="duration" placeholder="none" hint="killed jobs resume from their last checkpoint" />
        <Field ctx={ctx} path={[...base, 'checkpointCost']} label="Checkpoint cost" kind="duration" placeholder="0" hint="the pause each checkpoint takes" />
        <Field ctx={ctx} path={[...base, 'class']} label="Class" kind="select" options={WORKLOAD_CLASSES.map((c) => ({ value: c, label: c }))} emptyLabel="training (default)" hint="sets the catalog speed per pool" />
      </MoreFields>
    </div>
  );
}

/** Once React has re-rendered, focus the first of these controls that exists and is enabled. */
const focusLater = (...testIds: string[]) =>
  setTimeout(() => {
    for (const id of testIds) {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (el && !(el as HTMLButtonElement).disabled) return el.focus();
    }
  }, 0);

function EntryCard({ ctx, index, entry, count, catalog, traces }: { ctx: Ctx; index: number; entry: Record<string, unknown>; count: number; catalog: readonly AcceleratorInfo[]; traces: readonly string[] }) {
  const isTrace = entry.kind === 'trace';
  const file = show(entry.path).split(/[\\/]/).pop();
  const title = show(entry.name) || (isTrace ? file || 'new trace' : `generator ${index + 1}`);
  const what = `workload ${index + 1} (${title})`;
  const move = (to: number) => {
    ctx.c.change((d) => {
      const list = d.workload as Json[];
      const [item] = list.splice(index, 1);
      list.splice(to, 0, item!);
    });
    // Focus follows the moved entry: the same button, or the other one at the end of the list.
    const [same, other] = to < index ? ['up', 'down'] : ['down', 'up'];
    focusLater(`workload-${to}-${same}`, `workload-${to}-${other}`);
  };
  return (
    <div className="card workload-card" data-testid={`workload-${index}`} tabIndex={-1} aria-label={what}>
      <div className="card-head">
        <span className={`badge kind-${isTrace ? 'trace' : 'synthetic'}`}>{isTrace ? 'trace' : 'synthetic'}</span>
        <span className="card-title">{title}</span>
        <span className="card-sub">{isTrace ? 'replays recorded jobs' : 'generates jobs'}</span>
        <div className="reorder">
          <button className="icon-btn" data-testid={`workload-${index}-up`} title="Move up" aria-label={`Move ${what} up`} disabled={index === 0} onClick={() => move(index - 1)}>
            ↑
          </button>
          <button className="icon-btn" data-testid={`workload-${index}-down`} title="Move down" aria-label={`Move ${what} down`} disabled={index === count - 1} onClick={() => move(index + 1)}>
            ↓
          </button>
          <button className="icon-btn" data-testid={`workload-${index}-remove`} title="Remove this entry" aria-label={`Remove ${what}`} onClick={() => ctx.c.change((d) => void (d.workload as Json[]).splice(index, 1))}>
            ✕
          </button>
        </div>
      </div>
      <Messages messages={ctx.problems.get(`workload[${index}]`) ?? ctx.problems.get(`workload[${index}].kind`)} id={`workload-${index}-err`} />
      {isTrace ? <TraceFields ctx={ctx} index={index} entry={entry} catalog={catalog} traces={traces} /> : <SyntheticFields ctx={ctx} index={index} entry={entry} catalog={catalog} />}
    </div>
  );
}

export function WorkloadEditor({ ctx, catalog, traces }: { ctx: Ctx; catalog: readonly AcceleratorInfo[]; traces: readonly string[] }) {
  const raw = ctx.doc.workload;
  const entries = Array.isArray(raw) ? raw : [];
  const add = (entry: Json) => {
    ctx.c.change((d) => {
      if (!Array.isArray(d.workload)) d.workload = [];
      (d.workload as Json[]).push(structuredClone(entry));
    });
    focusLater(`workload-${entries.length}`);
  };
  return (
    <section className="editor-section" data-testid="workload-editor">
      <div className="section-head">
        <h3>Workload</h3>
        <div className="btn-group">
          <button className="btn ghost sm" data-testid="add-synthetic" onClick={() => add(NEW_SYNTHETIC)}>
            + Synthetic
          </button>
          <button className="btn ghost sm" data-testid="add-trace" onClick={() => add(NEW_TRACE)}>
            + Trace
          </button>
        </div>
      </div>
      <Messages messages={ctx.problems.get('workload')} id="workload-err" />
      {entries.length === 0 && <p className="muted small">No workload entries: add a synthetic generator or a recorded trace.</p>}
      {entries.map((w, i) =>
        isObj(w) ? <EntryCard key={i} ctx={ctx} index={i} entry={w} count={entries.length} catalog={catalog} traces={traces} /> : null,
      )}
    </section>
  );
}
