/**
 * The scenario editor: scenario parameters, the fleet's pools and the policies
 * to compare. Every change is an immer patch (undo/redo); problems show next to
 * the field, from the immediate local rules and from the worker's full check.
 */
import { useMemo, type ReactNode } from 'react';
import type { ParamsSchema, PolicyDefinition } from '../../sim-engine/policies/definition';
import { paramDefaults, paramFields, type ParamField } from '../../sim-engine/policies/params';
import { DEFAULT_SCHEDULER, policyRegistry } from '../../sim-engine/policies/registry';
import { WEEKDAYS } from '../../sim-engine/scenario/fields';
import { fmtUsd } from '../charts/format';
import { PURCHASE_OPTIONS, pricePerAcceleratorHour, WORKLOAD_CLASSES, type AcceleratorInfo } from '../state/catalog';
import type { AppController, AppState } from '../state/controller';
import { durationValue } from '../state/duration';
import { getIn, pathKey, type DocPath, type Json, type ScenarioDoc } from '../state/scenario-doc';

type Problems = Map<string, string[]>;
type PolicyDef = PolicyDefinition<ParamsSchema, unknown>;
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Ctx {
  c: AppController;
  doc: ScenarioDoc;
  problems: Problems;
}

function numberValue(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && /^-?\d*\.?\d+(e-?\d+)?$/i.test(t) ? n : t;
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function Messages({ messages, id }: { messages: string[] | undefined; id: string }) {
  if (!messages?.length) return null;
  return (
    <div className="field-error" id={id} role="alert">
      {messages.map((m) => (
        <div key={m}>{m}</div>
      ))}
    </div>
  );
}

function Field({ ctx, path, label, kind = 'text', placeholder, hint, wide, options, emptyLabel }: { ctx: Ctx; path: DocPath; label: string; kind?: 'text' | 'number' | 'duration' | 'textarea' | 'select' | 'checkbox'; placeholder?: string; hint?: ReactNode; wide?: boolean; options?: { value: string; label: string }[]; emptyLabel?: string }) {
  const key = pathKey(path);
  const id = `f-${key}`;
  const msgs = ctx.problems.get(key);
  const value = getIn(ctx.doc, path);
  const invalid = !!msgs?.length;
  const common = {
    id,
    'data-path': key,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? `${id}-err` : undefined,
    className: `input${invalid ? ' invalid' : ''}`,
  };
  let control: ReactNode;
  if (kind === 'select') {
    const v = show(value);
    const opts = options ?? [];
    control = (
      <select {...common} value={v} onChange={(e) => ctx.c.edit(path, e.target.value === '' ? undefined : e.target.value, false)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {!opts.some((o) => o.value === v) && !(v === '' && emptyLabel !== undefined) && <option value={v}>{v === '' ? '—' : `${v} (unknown)`}</option>}
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'checkbox') {
    control = <input {...common} className={`checkbox${invalid ? ' invalid' : ''}`} type="checkbox" checked={value === true} onChange={(e) => ctx.c.edit(path, e.target.checked, false)} />;
  } else if (kind === 'textarea') {
    control = <textarea {...common} rows={2} value={show(value)} placeholder={placeholder} onChange={(e) => ctx.c.edit(path, e.target.value === '' ? undefined : e.target.value)} />;
  } else {
    const parse = kind === 'number' ? numberValue : kind === 'duration' ? durationValue : (t: string) => (t === '' ? undefined : t);
    control = (
      <input
        {...common}
        type="text"
        inputMode={kind === 'number' ? 'decimal' : undefined}
        spellCheck={false}
        autoComplete="off"
        value={show(value)}
        placeholder={placeholder}
        onChange={(e) => ctx.c.edit(path, parse(e.target.value))}
      />
    );
  }
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      {hint && !invalid && <div className="field-hint">{hint}</div>}
      <Messages messages={msgs} id={`${id}-err`} />
    </div>
  );
}

function distSummary(v: unknown): string {
  if (!isObj(v)) return show(v);
  const { dist, ...rest } = v;
  return `${String(dist)} (${Object.entries(rest).map(([k, x]) => `${k} ${show(x)}`).join(', ')})`;
}

function PoolCard({ ctx, index, pool, catalog, count }: { ctx: Ctx; index: number; pool: Record<string, unknown>; catalog: AcceleratorInfo[]; count: number }) {
  const base: DocPath = ['fleet', 'pools', index];
  const acc = catalog.find((a) => a.id === pool.accelerator);
  const purchase = typeof pool.purchase === 'string' ? pool.purchase : 'on-demand';
  const perAcc = pricePerAcceleratorHour(acc, purchase);
  const perNode = typeof pool.perNode === 'number' ? pool.perNode : null;
  const override = typeof pool.pricePerNodeHour === 'number' ? pool.pricePerNodeHour : null;
  const vendors = [...new Set(catalog.map((a) => a.vendor))];
  const accOptions = vendors.flatMap((v) => catalog.filter((a) => a.vendor === v).map((a) => ({ value: a.id, label: `${a.vendor} ${a.name} · ${a.memoryGiB} GiB · ${fmtUsd(a.prices['on-demand'])}/h` })));
  const provisioning = pool.provisioning;
  return (
    <div className="card" data-testid={`pool-${index}`}>
      <div className="card-head">
        <span className="card-title">{typeof pool.name === 'string' && pool.name ? pool.name : `pool ${index + 1}`}</span>
        <span className="card-sub">{acc ? `${acc.vendor} ${acc.name}` : 'unknown accelerator'}</span>
        <button
          className="icon-btn"
          title="Remove this pool"
          aria-label={`Remove pool ${String(pool.name ?? index + 1)}`}
          disabled={count <= 1}
          onClick={() => ctx.c.change((d) => void (d.fleet as { pools: Json[] }).pools.splice(index, 1))}
        >
          ✕
        </button>
      </div>
      <div className="grid-fields">
        <Field ctx={ctx} path={[...base, 'name']} label="Name" />
        <Field ctx={ctx} path={[...base, 'accelerator']} label="Accelerator" kind="select" options={accOptions} wide />
        <Field ctx={ctx} path={[...base, 'perNode']} label="Per node" kind="number" placeholder="8" />
        <Field ctx={ctx} path={[...base, 'purchase']} label="Purchase" kind="select" options={PURCHASE_OPTIONS.map((p) => ({ value: p, label: p }))} emptyLabel="on-demand (default)" />
        <Field ctx={ctx} path={[...base, 'initial']} label="Initial nodes" kind="number" placeholder="0" />
        <Field ctx={ctx} path={[...base, 'min']} label="Min nodes" kind="number" placeholder="0" />
        <Field ctx={ctx} path={[...base, 'max']} label="Max nodes" kind="number" placeholder="= initial" />
        {isObj(provisioning) ? (
          <div className="field">
            <label>Provisioning</label>
            <div className="readonly-value" title="A distribution: edit it in the YAML file">
              {distSummary(provisioning)}
            </div>
            <button className="link small" onClick={() => ctx.c.edit([...base, 'provisioning'], '5m', false)}>
              use a constant delay
            </button>
          </div>
        ) : (
          <Field ctx={ctx} path={[...base, 'provisioning']} label="Provisioning" kind="duration" placeholder="0s" />
        )}
        <Field ctx={ctx} path={[...base, 'failures', 'mtbf']} label="MTBF" kind="duration" placeholder="never" hint="mean time between a node's failures" />
        {isObj(isObj(pool.failures) ? pool.failures.mttr : undefined) ? (
          <div className="field">
            <label>MTTR</label>
            <div className="readonly-value" title="A distribution: edit it in the YAML file">
              {distSummary((pool.failures as Record<string, unknown>).mttr)}
            </div>
          </div>
        ) : (
          <Field ctx={ctx} path={[...base, 'failures', 'mttr']} label="MTTR" kind="duration" placeholder="4h" hint="repair time (the node stays billed)" />
        )}
        {purchase === 'owned' && (
          <>
            <Field ctx={ctx} path={[...base, 'owned', 'capexUsdPerNode']} label="Capex per node ($)" kind="number" placeholder="250000" />
            <Field ctx={ctx} path={[...base, 'owned', 'amortization']} label="Amortization" kind="duration" placeholder="3y" />
            <Field ctx={ctx} path={[...base, 'owned', 'opexUsdPerNodeHour']} label="Opex per node-hour ($)" kind="number" placeholder="0" hint="power, space, operations" />
          </>
        )}
        {purchase === 'on-demand' && (
          <>
            <Field ctx={ctx} path={[...base, 'commitment', 'nodes']} label="Committed nodes" kind="number" placeholder="0" hint="billed whether used or not" />
            <Field ctx={ctx} path={[...base, 'commitment', 'discount']} label="Commitment discount" kind="number" placeholder="0.3" />
          </>
        )}
        <Field ctx={ctx} path={[...base, 'billing', 'granularity']} label="Billing granularity" kind="duration" placeholder="1s" />
        {purchase === 'spot' && (
          <>
            <Field ctx={ctx} path={[...base, 'availability']} label="Spot availability" kind="number" placeholder="1" hint="chance a request is fulfilled" />
            <Field ctx={ctx} path={[...base, 'preemption', 'ratePerNodeHour']} label="Preemptions / node-hour" kind="number" placeholder="0" />
            <Field ctx={ctx} path={[...base, 'preemption', 'notice']} label="Preemption notice" kind="duration" placeholder="0s" hint="jobs die when it ends" />
          </>
        )}
      </div>
      <div className="card-foot muted small">
        {override !== null
          ? `Price override: ${fmtUsd(override)} per node-hour`
          : perAcc !== null && perNode !== null
            ? `≈ ${fmtUsd(perAcc * perNode)} per node-hour (${perNode} × ${fmtUsd(perAcc)} ${purchase})`
            : 'Pick an accelerator and the accelerators per node to see the price.'}
        {acc?.priceDate ? ` · list price of ${acc.priceDate}` : ''}
      </div>
    </div>
  );
}

/** `scaleUpAfterWait` → "Scale up after wait". */
const humanize = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const kindOf = (v: unknown): string => (isObj(v) ? (typeof v.kind === 'string' ? v.kind : '') : typeof v === 'string' ? v : '');
/** `{ kind, ...defaults }` for a newly chosen policy; a scheduler without parameters is written as its bare name. */
const freshRef = (def: PolicyDef, bareIfNoParams: boolean): Json => {
  const defaults = paramDefaults(def.params) as Record<string, Json>;
  return bareIfNoParams && paramFields(def.params).length === 0 ? def.name : { kind: def.name, ...defaults };
};

/** The fields of a policy's parameters, generated from its params schema (see sim-engine/policies/params.ts). */
function ParamFields({ ctx, base, def, pools }: { ctx: Ctx; base: DocPath; def: PolicyDef; pools: Record<string, unknown>[] }) {
  return <FieldList ctx={ctx} base={base} fields={paramFields(def.params)} pools={pools} />;
}

/** Editor fields for parameter fields (also nested: the items of a list, a choice's object form). */
function FieldList({ ctx, base, fields, pools }: { ctx: Ctx; base: DocPath; fields: readonly ParamField[]; pools: Record<string, unknown>[] }) {
  return (
    <>
      {fields.map((f) => {
        const path = [...base, f.name];
        const dflt = f.default === undefined ? undefined : show(f.default);
        const hint = f.description;
        switch (f.kind) {
          case 'duration':
          case 'number':
          case 'string':
            return <Field key={f.name} ctx={ctx} path={path} label={humanize(f.name)} kind={f.kind === 'string' ? 'text' : f.kind} placeholder={dflt} hint={hint} />;
          case 'boolean':
            return <Field key={f.name} ctx={ctx} path={path} label={humanize(f.name)} kind="checkbox" hint={hint} />;
          case 'enum':
            return <Field key={f.name} ctx={ctx} path={path} label={humanize(f.name)} kind="select" options={(f.options ?? []).map((o) => ({ value: o, label: o }))} emptyLabel={dflt === undefined ? '—' : `${dflt} (default)`} hint={hint} />;
          case 'pool-list':
            return <CheckList key={f.name} ctx={ctx} path={path} label={humanize(f.name)} options={pools.map((p) => p.name).filter((n): n is string => typeof n === 'string')} hint={hint} resettable />;
          case 'enum-list':
            return <CheckList key={f.name} ctx={ctx} path={path} label={humanize(f.name)} options={f.options ?? []} hint={hint} />;
          case 'object-list':
            return <ObjectList key={f.name} ctx={ctx} path={path} field={f} pools={pools} />;
          case 'choice-or-params':
            return <ChoiceOrParams key={f.name} ctx={ctx} path={path} field={f} pools={pools} />;
          case 'policy-ref': {
            // A nested autoscaler (budget's inner): its kind, then its own fields.
            const ref = getIn(ctx.doc, path);
            const defs = policyRegistry.autoscalers.filter((d) => d.name !== 'budget') as readonly PolicyDef[];
            const inner = policyRegistry.autoscaler(kindOf(ref));
            return (
              <div className="field wide nested" key={f.name}>
                <KindSelect ctx={ctx} path={path} label={humanize(f.name)} defs={defs} value={kindOf(ref)} fresh={(d) => freshRef(d, false)} />
                {inner && inner.name !== 'budget' && (
                  <div className="grid-fields">
                    <ParamFields ctx={ctx} base={path} def={inner} pools={pools} />
                  </div>
                )}
              </div>
            );
          }
          case 'pool-counts':
            // A record of counts keyed by pool name: one number field per pool of the fleet.
            return pools.map((p, pi) =>
              typeof p.name === 'string' ? <Field key={`${f.name}-${pi}`} ctx={ctx} path={[...path, p.name]} label={`${humanize(f.name)} of ${p.name}`} kind="number" placeholder={`${show(p.initial) || 0} (initial)`} /> : null,
            );
          default:
            return (
              <div className="field" key={f.name}>
                <label>{humanize(f.name)}</label>
                <div className="readonly-value" title="Edit it in the YAML file">
                  {show(getIn(ctx.doc, path)) || '—'}
                </div>
              </div>
            );
        }
      })}
    </>
  );
}

/** A set of names (pools, weekdays) as checkboxes writing a list; `resettable`: unset means the policy's default. */
function CheckList({ ctx, path, label, options, hint, resettable }: { ctx: Ctx; path: DocPath; label: string; options: readonly string[]; hint?: string | undefined; resettable?: boolean }) {
  const key = pathKey(path);
  const value = getIn(ctx.doc, path);
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
  const msgs = ctx.problems.get(key);
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen ?? []);
    if (on) next.add(name);
    else next.delete(name);
    ctx.c.edit(path, options.filter((n) => next.has(n)), false);
  };
  return (
    <div className="field wide" data-path={key}>
      <label>{label}</label>
      <div className="check-row">
        {options.map((n) => (
          <label key={n} className="check">
            <input type="checkbox" data-path={`${key}.${n}`} checked={chosen?.includes(n) ?? false} onChange={(e) => toggle(n, e.target.checked)} /> {n}
          </label>
        ))}
        {resettable &&
          (chosen !== null ? (
            <button className="link small" onClick={() => ctx.c.edit(path, undefined, false)}>
              use the default
            </button>
          ) : (
            <span className="muted small">default</span>
          ))}
      </div>
      {hint && !msgs?.length && <div className="field-hint">{hint}</div>}
      <Messages messages={msgs} id={`f-${key}-err`} />
    </div>
  );
}

/** A list of objects (scheduled's windows): one card per item with its fields, add and remove. */
function ObjectList({ ctx, path, field, pools }: { ctx: Ctx; path: DocPath; field: ParamField; pools: Record<string, unknown>[] }) {
  const value = getIn(ctx.doc, path);
  const items = Array.isArray(value) ? value : [];
  const key = pathKey(path);
  const blank = (): Json => Object.fromEntries((field.fields ?? []).flatMap((f) => (f.kind === 'enum-list' ? [[f.name, []]] : f.kind === 'string' ? [[f.name, '']] : f.kind === 'pool-counts' ? [[f.name, {}]] : [])));
  return (
    <div className="field wide object-list" data-path={key}>
      <label>{humanize(field.name)}</label>
      {items.map((_, i) => (
        <div className="card compact" key={i} data-testid={`${key}[${i}]`}>
          <div className="card-head">
            <span className="card-title">
              {humanize(field.name).replace(/s$/, '')} {i + 1}
            </span>
            <button className="icon-btn" title="Remove" aria-label={`Remove ${field.name} ${i + 1}`} onClick={() => ctx.c.change((d) => void (getIn(d, path) as Json[]).splice(i, 1))}>
              ✕
            </button>
          </div>
          <div className="grid-fields">
            <FieldList ctx={ctx} base={[...path, i]} fields={field.fields ?? []} pools={pools} />
          </div>
        </div>
      ))}
      <button className="btn sm" data-testid={`${key}-add`} onClick={() => (Array.isArray(value) ? ctx.c.edit([...path, items.length], blank(), false) : ctx.c.edit(path, [blank()], false))}>
        + Add {field.name.replace(/s$/, '')}
      </button>
      {field.description && <div className="field-hint">{field.description}</div>}
      <Messages messages={ctx.problems.get(key)} id={`f-${key}-err`} />
    </div>
  );
}

/** A named choice or an object of parameters (estimate: exact | requested | { error: σ }). */
function ChoiceOrParams({ ctx, path, field, pools }: { ctx: Ctx; path: DocPath; field: ParamField; pools: Record<string, unknown>[] }) {
  const value = getIn(ctx.doc, path);
  const key = pathKey(path);
  const objectName = (field.fields ?? []).map((f) => f.name).join(', ');
  const current = isObj(value) ? '{}' : typeof value === 'string' ? value : '';
  const dflt = field.default === undefined ? undefined : show(field.default);
  // The object form starts valid: each of its numbers at its default, else 0.
  const objectForm = (): Json => Object.fromEntries((field.fields ?? []).map((f) => [f.name, (f.default as Json | undefined) ?? 0]));
  return (
    <div className="field wide nested" data-path={key}>
      <label htmlFor={`f-${key}`}>{humanize(field.name)}</label>
      <select id={`f-${key}`} data-path={`${key}.choice`} className="input" value={current} onChange={(e) => ctx.c.edit(path, e.target.value === '' ? undefined : e.target.value === '{}' ? objectForm() : e.target.value, false)}>
        <option value="">{dflt === undefined ? '—' : `${dflt} (default)`}</option>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        <option value="{}">with {objectName}…</option>
      </select>
      {isObj(value) && (
        <div className="grid-fields">
          <FieldList ctx={ctx} base={path} fields={field.fields ?? []} pools={pools} />
        </div>
      )}
      {field.description && <div className="field-hint">{field.description}</div>}
      <Messages messages={ctx.problems.get(key)} id={`f-${key}-err`} />
    </div>
  );
}

/** A select of registered policies (the description of the chosen one as the hint). Picking one writes `fresh(def)`. */
function KindSelect({ ctx, path, label, defs, value, emptyLabel, fresh }: { ctx: Ctx; path: DocPath; label: string; defs: readonly PolicyDef[]; value: string; emptyLabel?: string; fresh: (def: PolicyDef) => Json }) {
  const kindPath = pathKey([...path, 'kind']);
  const id = `f-${kindPath}`;
  const msgs = ctx.problems.get(kindPath) ?? ctx.problems.get(pathKey(path));
  const chosen = defs.find((d) => d.name === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-path={kindPath}
        className={`input${msgs?.length ? ' invalid' : ''}`}
        aria-invalid={msgs?.length ? true : undefined}
        value={value}
        onChange={(e) => {
          const def = defs.find((d) => d.name === e.target.value);
          ctx.c.edit(path, def ? fresh(def) : undefined, false);
        }}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {!chosen && !(value === '' && emptyLabel !== undefined) && <option value={value}>{value ? `${value} (unknown)` : '—'}</option>}
        {defs.map((d) => (
          <option key={d.name} value={d.name} title={d.description}>
            {d.name}
          </option>
        ))}
      </select>
      {chosen && !msgs?.length && <div className="field-hint">{chosen.description}</div>}
      <Messages messages={msgs} id={`f-${pathKey(path)}-err`} />
    </div>
  );
}

function PolicyCard({ ctx, index, policy, pools, count }: { ctx: Ctx; index: number; policy: Record<string, unknown>; pools: Record<string, unknown>[]; count: number }) {
  const base: DocPath = ['policies', index];
  const kind = kindOf(policy.autoscaler);
  const auto = policyRegistry.autoscaler(kind);
  const schedulerKind = kindOf(policy.scheduler);
  const schedulerDef = isObj(policy.scheduler) ? policyRegistry.scheduler(schedulerKind) : undefined;
  const scheduler = schedulerDef ? policyRegistry.schedulerWithParams(schedulerDef) : undefined;
  const defaultScheduler = kindOf(ctx.doc.scheduler) || DEFAULT_SCHEDULER;
  return (
    <div className="card" data-testid={`policy-${index}`}>
      <div className="card-head">
        <span className="card-title">{typeof policy.name === 'string' && policy.name ? policy.name : `policy ${index + 1}`}</span>
        <span className="card-sub">{auto ? `${auto.name} autoscaler` : ''}</span>
        <button className="icon-btn" title="Remove this policy" aria-label={`Remove policy ${String(policy.name ?? index + 1)}`} disabled={count <= 1} onClick={() => ctx.c.change((d) => void (d.policies as Json[]).splice(index, 1))}>
          ✕
        </button>
      </div>
      <div className="grid-fields">
        <Field ctx={ctx} path={[...base, 'name']} label="Name" />
        <KindSelect ctx={ctx} path={[...base, 'autoscaler']} label="Autoscaler" defs={policyRegistry.autoscalers} value={kind} fresh={(def) => freshRef(def, false)} />
        {auto && <ParamFields ctx={ctx} base={[...base, 'autoscaler']} def={auto} pools={pools} />}
        <KindSelect ctx={ctx} path={[...base, 'scheduler']} label="Scheduler" defs={policyRegistry.schedulers as readonly PolicyDef[]} value={schedulerKind} emptyLabel={`default (${defaultScheduler})`} fresh={(def) => freshRef(def, true)} />
        {scheduler && <ParamFields ctx={ctx} base={[...base, 'scheduler']} def={scheduler as PolicyDef} pools={pools} />}
      </div>
    </div>
  );
}

export function ScenarioEditor({ controller, state }: { controller: AppController; state: AppState }) {
  const doc = state.doc;
  const local = useMemo(() => (doc ? controller.localProblems() : []), [controller, doc]);
  const problems = useMemo(() => {
    const m: Problems = new Map();
    const add = (path: string, message: string) => {
      const list = m.get(path) ?? [];
      if (!list.includes(message)) list.push(message);
      m.set(path, list);
    };
    for (const p of local) add(p.path, p.message);
    for (const p of state.checkProblems) add(p.path, p.message);
    return m;
  }, [local, state.checkProblems]);
  const allProblems = useMemo(() => {
    const out: { path: string; message: string; line?: number }[] = [];
    const seen = new Set<string>();
    for (const p of local) {
      seen.add(`${p.path}\0${p.message}`);
      out.push(p);
    }
    for (const p of state.checkProblems) if (!seen.has(`${p.path}\0${p.message}`)) out.push(p);
    return out;
  }, [local, state.checkProblems]);
  const yamlText = useMemo(() => (doc ? controller.currentText() : ''), [controller, doc, state.dirty]);

  if (!doc) {
    return (
      <div className="editor empty-state">
        <h2>No scenario loaded</h2>
        <p>Pick a built-in scenario from the list above, or open a YAML/JSON scenario file (Ctrl+O).</p>
      </div>
    );
  }
  const ctx: Ctx = { c: controller, doc, problems };
  const pools = (isObj(doc.fleet) && Array.isArray(doc.fleet.pools) ? doc.fleet.pools : []).filter(isObj) as Record<string, unknown>[];
  const policies = (Array.isArray(doc.policies) ? doc.policies : []).filter(isObj) as Record<string, unknown>[];
  const workload = (Array.isArray(doc.workload) ? doc.workload : []).filter(isObj) as Record<string, unknown>[];
  const entry = controller.active;

  return (
    <div className="editor" data-testid="scenario-editor">
      <div className="editor-toolbar">
        <div className="editor-file">
          <span className="file-name" title={entry?.path ?? entry?.fileName}>
            {entry?.fileName}
          </span>
          {state.dirty ? <span className="badge warn">unsaved</span> : <span className="badge">{entry?.source === 'builtin' ? 'built-in' : 'saved'}</span>}
        </div>
        <div className="btn-group">
          <button className="btn ghost sm" onClick={() => controller.undo()} disabled={!state.canUndo} title="Undo (Ctrl+Z)" data-testid="undo">
            Undo
          </button>
          <button className="btn ghost sm" onClick={() => controller.redo()} disabled={!state.canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
            Redo
          </button>
        </div>
      </div>

      <div className={`problems ${allProblems.length ? 'has' : 'none'}`} data-testid="validation-summary" aria-live="polite">
        {allProblems.length === 0 ? (
          <span>✓ Scenario is valid{state.checkError ? ' (quick checks only)' : ''}</span>
        ) : (
          <>
            <strong>
              {allProblems.length} problem{allProblems.length === 1 ? '' : 's'}
            </strong>
            <ul>
              {allProblems.slice(0, 8).map((p, i) => (
                <li key={i}>
                  {p.line ? <span className="mono">line {p.line}</span> : null} {p.path && <span className="mono">{p.path}</span>} {p.message}
                </li>
              ))}
            </ul>
          </>
        )}
        {state.checkError && <div className="muted small">{state.checkError}</div>}
      </div>

      <section className="editor-section">
        <h3>Scenario</h3>
        <div className="grid-fields">
          <Field ctx={ctx} path={['name']} label="Name" wide />
          <Field ctx={ctx} path={['seed']} label="Seed" kind="number" />
          <Field ctx={ctx} path={['horizon']} label="Horizon" kind="duration" placeholder="7d" />
          <Field ctx={ctx} path={['warmup']} label="Warm-up" kind="duration" placeholder="0" />
          <Field ctx={ctx} path={['sampleEvery']} label="Sample every" kind="duration" placeholder="5m" />
          <Field ctx={ctx} path={['slo', 'maxQueueWait']} label="SLO: max queue wait" kind="duration" placeholder="none" />
          <Field ctx={ctx} path={['startsOn']} label="Starts on" kind="select" options={WEEKDAYS.map((d) => ({ value: d, label: d }))} emptyLabel="mon (default)" hint="weekday of t = 0 (scheduled windows)" />
          <Field ctx={ctx} path={['energy', 'usdPerKwh']} label="Energy price (USD/kWh)" kind="number" placeholder="not priced" hint="adds an energy cost to the results" />
          <Field ctx={ctx} path={['energy', 'pue']} label="PUE" kind="number" placeholder="1" hint="facility ÷ IT power" />
        </div>
      </section>

      <section className="editor-section">
        <h3>Workload</h3>
        {workload.length === 0 && <p className="muted small">No workload entries.</p>}
        {workload.map((w, i) => (
          <div className="card compact" key={i}>
            <div className="card-head">
              <span className="badge">{show(w.kind)}</span>
              <span className="card-title">{show(w.name) || (w.kind === 'trace' ? show(w.path) : `workload ${i + 1}`)}</span>
            </div>
            <div className="grid-fields">
              {w.kind === 'synthetic' && <Field ctx={ctx} path={['workload', i, 'arrivals', 'ratePerHour']} label="Jobs per hour" kind="number" />}
              {w.kind === 'trace' && <Field ctx={ctx} path={['workload', i, 'path']} label="Trace file" />}
              <Field ctx={ctx} path={['workload', i, 'loadScale']} label="Load scale" kind="number" placeholder="1" hint="× arrival rate (growth)" />
              <Field ctx={ctx} path={['workload', i, 'checkpointEvery']} label="Checkpoint every" kind="duration" placeholder="none" hint="killed jobs resume from their last checkpoint" />
              <Field ctx={ctx} path={['workload', i, 'checkpointCost']} label="Checkpoint cost" kind="duration" placeholder="0" hint="the pause each checkpoint takes" />
              <Field ctx={ctx} path={['workload', i, 'class']} label="Class" kind="select" options={WORKLOAD_CLASSES.map((c) => ({ value: c, label: c }))} emptyLabel="training (default)" hint="sets the catalog speed per pool" />
            </div>
            {w.kind === 'synthetic' && (
              <div className="card-foot muted small">
                accelerators: {distSummary(w.accelerators)} · duration: {distSummary(w.duration)}
              </div>
            )}
          </div>
        ))}
      </section>

      <section className="editor-section">
        <div className="section-head">
          <h3>Fleet pools</h3>
          <button
            className="btn ghost sm"
            onClick={() =>
              controller.change((d) => {
                if (!isObj(d.fleet)) d.fleet = { pools: [] };
                const f = d.fleet as { pools: Json[] };
                if (!Array.isArray(f.pools)) f.pools = [];
                const last = f.pools[f.pools.length - 1];
                const names = new Set(f.pools.map((p) => (isObj(p) ? p.name : '')));
                let n = f.pools.length + 1;
                while (names.has(`pool-${n}`)) n++;
                const clone = isObj(last) ? (JSON.parse(JSON.stringify(last)) as Record<string, Json>) : { accelerator: controller.catalog[0]?.id ?? 'nvidia-a100-80gb', perNode: 8, purchase: 'on-demand', initial: 0, min: 0, max: 8, provisioning: '5m' };
                f.pools.push({ ...clone, name: `pool-${n}` });
              })
            }
          >
            + Add pool
          </button>
        </div>
        <Messages messages={problems.get('fleet.pools')} id="pools-err" />
        {pools.map((p, i) => (
          <PoolCard key={i} ctx={ctx} index={i} pool={p} catalog={controller.catalog} count={pools.length} />
        ))}
      </section>

      <section className="editor-section">
        <div className="section-head">
          <h3>Policies to compare</h3>
          <button
            className="btn ghost sm"
            onClick={() =>
              controller.change((d) => {
                if (!Array.isArray(d.policies)) d.policies = [];
                const names = new Set(d.policies.map((p) => (isObj(p) ? p.name : '')));
                let n = d.policies.length + 1;
                while (names.has(`policy-${n}`)) n++;
                // The autoscaler of the last policy (at its defaults), or the first registered one.
                const last = d.policies[d.policies.length - 1];
                const def = policyRegistry.autoscaler(kindOf(isObj(last) ? last.autoscaler : undefined)) ?? policyRegistry.autoscalers[0]!;
                d.policies.push({ name: `policy-${n}`, autoscaler: freshRef(def, false) });
              })
            }
          >
            + Add policy
          </button>
        </div>
        <Messages messages={problems.get('policies')} id="policies-err" />
        {policies.map((p, i) => (
          <PolicyCard key={i} ctx={ctx} index={i} policy={p} pools={pools} count={policies.length} />
        ))}
      </section>

      <details className="editor-section yaml-preview">
        <summary>YAML</summary>
        <pre className="mono">{yamlText}</pre>
      </details>
    </div>
  );
}
