/** The scenario editor's field primitives: one labelled input bound to a document path, with its problems. */
import { useState, type ReactNode } from 'react';
import type { AppController } from '../state/controller';
import { durationValue } from '../state/duration';
import { getIn, pathKey, type DocPath, type ScenarioDoc } from '../state/scenario-doc';

export type Problems = Map<string, string[]>;
export const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface Ctx {
  c: AppController;
  doc: ScenarioDoc;
  problems: Problems;
}

export function numberValue(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && /^-?\d*\.?\d+(e-?\d+)?$/i.test(t) ? n : t;
}

export function show(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function Messages({ messages, id }: { messages: string[] | undefined; id: string }) {
  if (!messages?.length) return null;
  return (
    <div className="field-error" id={id} role="alert">
      {messages.map((m) => (
        <div key={m}>{m}</div>
      ))}
    </div>
  );
}

export interface FieldProps {
  ctx: Ctx;
  path: DocPath;
  label: string;
  kind?: 'text' | 'number' | 'duration' | 'textarea' | 'select' | 'checkbox';
  /** The default the engine applies when the field is empty (never on a required field: an empty required field is empty). */
  placeholder?: string | undefined;
  hint?: ReactNode;
  wide?: boolean;
  options?: { value: string; label: string }[];
  emptyLabel?: string;
  /** A select's value when the document has none (the schema's default, e.g. format `auto`). */
  absentAs?: string;
  /** The scenario must write this field: empty, it shows "required" (and no placeholder). */
  required?: boolean | undefined;
  /** Instead of `ctx.c.edit(path, value)` (a pool's name also renames its references). */
  onValue?: (value: unknown) => void;
  onBlur?: () => void;
  /** A datalist of suggestions for a text input. */
  suggestions?: readonly string[];
  /** Shown under the field (e.g. a "remove" link). */
  extra?: ReactNode;
}

export const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/** The messages to show on a field: on an empty required field, only "required" (the missing value is the one problem). */
export function fieldMessages(ctx: Ctx, key: string, value: unknown, required: boolean | undefined): string[] | undefined {
  if (required && isEmpty(value)) return ['required'];
  return ctx.problems.get(key);
}

export function Field({ ctx, path, label, kind = 'text', placeholder, hint, wide, options, emptyLabel, absentAs, required, onValue, onBlur, suggestions, extra }: FieldProps) {
  const key = pathKey(path);
  const id = `f-${key}`;
  const value = getIn(ctx.doc, path);
  const msgs = fieldMessages(ctx, key, value, required);
  const invalid = !!msgs?.length;
  const set = onValue ?? ((v: unknown, coalesce = true) => ctx.c.edit(path, v, coalesce));
  const common = {
    id,
    'data-path': key,
    'aria-invalid': invalid || undefined,
    'aria-required': required || undefined,
    'aria-describedby': invalid ? `${id}-err` : undefined,
    className: `input${invalid ? ' invalid' : ''}`,
    onBlur,
  };
  let control: ReactNode;
  if (kind === 'select') {
    const v = isEmpty(value) && absentAs !== undefined ? absentAs : show(value);
    const opts = options ?? [];
    control = (
      <select {...common} value={v} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value, false)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {!opts.some((o) => o.value === v) && !(v === '' && emptyLabel !== undefined) && <option value={v}>{v === '' ? '' : `${v} (unknown)`}</option>}
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'checkbox') {
    control = <input {...common} className={`checkbox${invalid ? ' invalid' : ''}`} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked, false)} />;
  } else if (kind === 'textarea') {
    control = <textarea {...common} rows={2} value={show(value)} placeholder={required ? undefined : placeholder} onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)} />;
  } else {
    const parse = kind === 'number' ? numberValue : kind === 'duration' ? durationValue : (t: string) => (t === '' ? undefined : t);
    control = (
      <input
        {...common}
        type="text"
        inputMode={kind === 'number' ? 'decimal' : undefined}
        spellCheck={false}
        autoComplete="off"
        list={suggestions?.length ? `${id}-list` : undefined}
        value={show(value)}
        placeholder={required ? undefined : placeholder}
        onChange={(e) => set(parse(e.target.value))}
      />
    );
  }
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      {suggestions?.length ? (
        <datalist id={`${id}-list`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
      {hint && !invalid && <div className="field-hint">{hint}</div>}
      <Messages messages={msgs} id={`${id}-err`} />
      {extra}
    </div>
  );
}

/**
 * A list of values typed as "a, b, c" (a choice's values and weights, tenant names). The
 * text is the user's while the field has focus, so a half-typed item ("1, 2,") survives;
 * each change writes the parsed list, and problems of its items show under it.
 */
export function ListField({ ctx, path, label, parse, hint, required, placeholder, wide }: { ctx: Ctx; path: DocPath; label: string; parse: (text: string) => unknown; hint?: ReactNode; required?: boolean | undefined; placeholder?: string | undefined; wide?: boolean }) {
  const key = pathKey(path);
  const id = `f-${key}`;
  const value = getIn(ctx.doc, path);
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (Array.isArray(value) ? value.map(show).join(', ') : show(value));
  const empty = isEmpty(value) || (Array.isArray(value) && value.length === 0);
  const own = fieldMessages(ctx, key, empty ? undefined : value, required) ?? [];
  const items = [...ctx.problems.entries()].filter(([k]) => k.startsWith(`${key}[`)).flatMap(([, m]) => m);
  const msgs = [...new Set([...own, ...(required && empty ? [] : items)])];
  const invalid = msgs.length > 0;
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-path={key}
        type="text"
        className={`input${invalid ? ' invalid' : ''}`}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={invalid ? `${id}-err` : undefined}
        spellCheck={false}
        autoComplete="off"
        value={text}
        placeholder={required ? undefined : placeholder}
        onFocus={() => setDraft(text)}
        onBlur={() => setDraft(null)}
        onChange={(e) => {
          setDraft(e.target.value);
          const parts = e.target.value.split(',').map((t) => t.trim()).filter((t) => t !== '');
          ctx.c.edit(path, parts.length ? parts.map(parse) : undefined);
        }}
      />
      {hint && !invalid && <div className="field-hint">{hint}</div>}
      <Messages messages={msgs.length ? msgs : undefined} id={`${id}-err`} />
    </div>
  );
}

/**
 * Less used fields behind a disclosure. Open from the start when one of them is set, and
 * whenever one of them has a problem (a problem is never hidden).
 */
export function MoreFields({ ctx, paths, label, children }: { ctx: Ctx; paths: DocPath[]; label: string; children: ReactNode }) {
  const keys = paths.map(pathKey);
  const [open, setOpen] = useState(() => paths.some((p) => !isEmpty(getIn(ctx.doc, p))));
  const problem = [...ctx.problems.keys()].some((k) => keys.some((key) => k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`)));
  return (
    <details className="field wide more-fields" open={open || problem} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{label}</summary>
      <div className="grid-fields">{children}</div>
    </details>
  );
}

/** The catalog as select options (vendor and name; the id is what the scenario writes). */
export const acceleratorOptions = (catalog: readonly { id: string; vendor: string; name: string }[]) => catalog.map((a) => ({ value: a.id, label: `${a.vendor} ${a.name}` }));

/** `scaleUpAfterWait` → "Scale up after wait". */
export const humanize = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
export const kindOf = (v: unknown): string => (isObj(v) ? (typeof v.kind === 'string' ? v.kind : '') : typeof v === 'string' ? v : '');
