/**
 * Policy parameter fields generated from a policy's params schema (sim-engine/policies/params.ts):
 * scalars, selects, per-pool counts, sets as checkboxes, lists of objects, choice-or-parameters,
 * nested policy references — and the select of registered policies.
 */
import type { ParamsSchema, PolicyDefinition } from '../../sim-engine/policies/definition';
import { paramDefaults, paramFields, type ParamField } from '../../sim-engine/policies/params';
import { policyRegistry } from '../../sim-engine/policies/registry';
import { getIn, pathKey, type DocPath, type Json } from '../state/scenario-doc';
import { durationValue } from '../state/duration';
import { Field, humanize, isObj, kindOf, ListField, Messages, numberValue, show, type Ctx } from './form-fields';

export type PolicyDef = PolicyDefinition<ParamsSchema, unknown>;

/** `{ kind, ...defaults }` for a newly chosen policy; a scheduler without parameters is written as its bare name. */
export const freshRef = (def: PolicyDef, bareIfNoParams: boolean): Json => {
  const defaults = paramDefaults(def.params) as Record<string, Json>;
  return bareIfNoParams && paramFields(def.params).length === 0 ? def.name : { kind: def.name, ...defaults };
};

/** The fields of a policy's parameters, generated from its params schema (see sim-engine/policies/params.ts). */
export function ParamFields({ ctx, base, def, pools }: { ctx: Ctx; base: DocPath; def: PolicyDef; pools: Record<string, unknown>[] }) {
  return <FieldList ctx={ctx} base={base} fields={paramFields(def.params)} pools={pools} />;
}

/** Editor fields for parameter fields (also nested: the items of a list, a choice's object form). */
export function FieldList({ ctx, base, fields, pools }: { ctx: Ctx; base: DocPath; fields: readonly ParamField[]; pools: Record<string, unknown>[] }) {
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
            return <Field key={f.name} ctx={ctx} path={path} label={humanize(f.name)} kind={f.kind === 'string' ? 'text' : f.kind} placeholder={dflt} hint={hint} required={f.required} />;
          case 'number-list':
          case 'duration-list':
            return <ListField key={f.name} ctx={ctx} path={path} label={humanize(f.name)} parse={f.kind === 'number-list' ? numberValue : durationValue} placeholder={dflt} hint={hint} required={f.required} />;
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
          case 'pool-counts': {
            // A record of counts keyed by pool name: one number field per pool of the fleet, and
            // one per key that names no pool (an orphan: shown with its error and a way to remove it).
            const names = pools.map((p) => p.name).filter((n): n is string => typeof n === 'string');
            const record = getIn(ctx.doc, path);
            const orphans = isObj(record) ? Object.keys(record).filter((k) => !names.includes(k)) : [];
            return [
              ...pools.map((p, pi) =>
                typeof p.name === 'string' ? <Field key={`${f.name}-${pi}`} ctx={ctx} path={[...path, p.name]} label={`${humanize(f.name)} of ${p.name}`} kind="number" placeholder={`${show(p.initial) || 0} (initial)`} /> : null,
              ),
              ...orphans.map((k) => (
                <Field
                  key={`${f.name}-orphan-${k}`}
                  ctx={ctx}
                  path={[...path, k]}
                  label={`${humanize(f.name)} of ${k}`}
                  kind="number"
                  extra={
                    <button className="link small" onClick={() => ctx.c.edit([...path, k], undefined, false)}>
                      remove {k}
                    </button>
                  }
                />
              )),
            ];
          }
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
export function CheckList({ ctx, path, label, options, hint, resettable }: { ctx: Ctx; path: DocPath; label: string; options: readonly string[]; hint?: string | undefined; resettable?: boolean }) {
  const key = pathKey(path);
  const value = getIn(ctx.doc, path);
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
  // A chosen name that is not an option (a pool that does not exist) stays visible, checked, with its error.
  const orphans = (chosen ?? []).filter((n) => !options.includes(n));
  const itemMsgs = Array.isArray(value) ? value.flatMap((_, i) => ctx.problems.get(`${key}[${i}]`) ?? []) : [];
  const all = [...new Set([...(ctx.problems.get(key) ?? []), ...itemMsgs])];
  const msgs = all.length ? all : undefined;
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen ?? []);
    if (on) next.add(name);
    else next.delete(name);
    ctx.c.edit(path, [...options, ...orphans].filter((n) => next.has(n)), false);
  };
  return (
    <div className="field wide" data-path={key}>
      <label>{label}</label>
      <div className="check-row">
        {options.map((n, i) => (
          <label key={`${i}-${n}`} className="check">
            <input type="checkbox" data-path={`${key}.${n}`} checked={chosen?.includes(n) ?? false} onChange={(e) => toggle(n, e.target.checked)} /> {n}
          </label>
        ))}
        {orphans.map((n) => (
          <label key={`orphan-${n}`} className="check orphan">
            <input type="checkbox" data-path={`${key}.${n}`} aria-invalid checked onChange={(e) => toggle(n, e.target.checked)} /> {n}
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
export function ObjectList({ ctx, path, field, pools }: { ctx: Ctx; path: DocPath; field: ParamField; pools: Record<string, unknown>[] }) {
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
export function ChoiceOrParams({ ctx, path, field, pools }: { ctx: Ctx; path: DocPath; field: ParamField; pools: Record<string, unknown>[] }) {
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
export function KindSelect({ ctx, path, label, defs, value, emptyLabel, fresh }: { ctx: Ctx; path: DocPath; label: string; defs: readonly PolicyDef[]; value: string; emptyLabel?: string; fresh: (def: PolicyDef) => Json }) {
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
