/** The scenario editor's field primitives: one labelled input bound to a document path, with its problems. */
import type { ReactNode } from 'react';
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

export function Field({ ctx, path, label, kind = 'text', placeholder, hint, wide, options, emptyLabel }: { ctx: Ctx; path: DocPath; label: string; kind?: 'text' | 'number' | 'duration' | 'textarea' | 'select' | 'checkbox'; placeholder?: string; hint?: ReactNode; wide?: boolean; options?: { value: string; label: string }[]; emptyLabel?: string }) {
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

/** `scaleUpAfterWait` → "Scale up after wait". */
export const humanize = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
export const kindOf = (v: unknown): string => (isObj(v) ? (typeof v.kind === 'string' ? v.kind : '') : typeof v === 'string' ? v : '');
