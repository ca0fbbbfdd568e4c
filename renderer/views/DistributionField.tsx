/**
 * A distribution in the form: a select of the kinds the scenario schema accepts (constant,
 * exponential, lognormal, uniform, choice — read from sim-engine/scenario/schema.ts) and the
 * chosen kind's parameters, generated from that kind's schema like a policy's parameters
 * (ParamFields' FieldList). A bare value (`duration: 1h`, `accelerators: 8`) is a constant
 * and stays bare until another kind is picked.
 */
import type { ParamsSchema } from '../../sim-engine/policies/definition';
import { paramFields, type ParamField } from '../../sim-engine/policies/params';
import { CountDist, DurationDist } from '../../sim-engine/scenario/schema';
import { getIn, pathKey, type DocPath, type Json } from '../state/scenario-doc';
import { Field, isObj, Messages, type Ctx } from './form-fields';
import { FieldList } from './ParamFields';

interface DistKind {
  name: string;
  fields: readonly ParamField[];
}

type DistSchema = typeof DurationDist | typeof CountDist;

/** The kinds of a distribution schema (`union[bare value, discriminatedUnion('dist', …)]`), in schema order. */
function kindsOf(schema: DistSchema): DistKind[] {
  return schema.options[1].options.map((o) => ({
    name: String(o.shape.dist.value),
    fields: paramFields(o as unknown as ParamsSchema).filter((f) => f.name !== 'dist'),
  }));
}

const KINDS = { duration: kindsOf(DurationDist), count: kindsOf(CountDist) };

const HINTS: Record<string, string> = {
  exponential: 'memoryless around the mean',
  lognormal: 'half below the median; sigma sets the spread (0.5 narrow, 1.5 wide)',
  uniform: 'any value between min and max, equally likely',
  choice: 'one of the values (separated by commas), with optional weights',
};

/** The value a distribution is centred on, to start the next kind from. */
function centreOf(v: unknown): Json | undefined {
  if (!isObj(v)) return v === undefined || v === null || v === '' ? undefined : (v as Json);
  for (const k of ['value', 'mean', 'median', 'min']) if (v[k] !== undefined) return v[k] as Json;
  return Array.isArray(v.values) ? (v.values[0] as Json | undefined) : undefined;
}

/** A newly picked kind, started from the current value: its value-like parameters at the centre, a lognormal's sigma at 1. */
function fresh(kind: DistKind, centre: Json | undefined): Json {
  const out: Record<string, Json> = { dist: kind.name };
  for (const f of kind.fields) {
    if (f.name === 'sigma') out[f.name] = 1;
    else if (f.kind === 'duration-list' || f.kind === 'number-list') {
      if (f.required && centre !== undefined) out[f.name] = [centre];
    } else if (centre !== undefined) out[f.name] = centre;
  }
  return out;
}

export function DistributionField({ ctx, path, label, of, placeholder, hint, required }: { ctx: Ctx; path: DocPath; label: string; of: 'duration' | 'count'; placeholder?: string; hint?: string; required?: boolean }) {
  const key = pathKey(path);
  const value = getIn(ctx.doc, path);
  const kinds = KINDS[of];
  const bare = !isObj(value);
  const name = bare ? 'constant' : typeof value.dist === 'string' ? value.dist : '';
  const kind = kinds.find((k) => k.name === name);
  const selectId = `f-${key}.dist`;
  const selectMsgs = bare ? undefined : ctx.problems.get(`${key}.dist`);
  // Problems of the distribution as a whole (a bare value's are its value field's).
  const own = bare ? undefined : ctx.problems.get(key);
  const hintText = [hint, kind && HINTS[kind.name]].filter(Boolean).join(' · ');
  const pick = (next: string) => {
    const k = kinds.find((x) => x.name === next);
    if (!k) return;
    const centre = centreOf(value);
    // Back to a constant: the bare value, as scenarios usually write it.
    ctx.c.edit(path, k.name === 'constant' ? centre : fresh(k, centre), false);
  };
  return (
    <fieldset className="field wide dist-field" data-dist={key}>
      <legend>{label}</legend>
      <div className={`dist-row dist-${kind?.name ?? 'unknown'}`}>
        <div className="field">
          <label htmlFor={selectId}>Distribution</label>
          <select id={selectId} data-path={`${key}.dist`} className={`input${selectMsgs?.length ? ' invalid' : ''}`} aria-invalid={selectMsgs?.length ? true : undefined} value={kind ? kind.name : name} onChange={(e) => pick(e.target.value)}>
            {!kind && <option value={name}>{name ? `${name} (unknown)` : ''}</option>}
            {kinds.map((k) => (
              <option key={k.name} value={k.name} title={HINTS[k.name]}>
                {k.name}
              </option>
            ))}
          </select>
          <Messages messages={selectMsgs} id={`${selectId}-err`} />
        </div>
        {bare ? (
          <Field ctx={ctx} path={path} label="Value" kind={of === 'duration' ? 'duration' : 'number'} placeholder={placeholder} required={required} />
        ) : (
          kind && <FieldList ctx={ctx} base={path} fields={kind.fields} pools={[]} />
        )}
      </div>
      {hintText && !own?.length && <div className="field-hint">{hintText}</div>}
      <Messages messages={own} id={`f-${key}-err`} />
    </fieldset>
  );
}
