/**
 * The scenario editor: scenario parameters, the fleet's pools and the policies
 * to compare. Every change is an immer patch (undo/redo); problems show next to
 * the field, from the immediate local rules and from the worker's full check.
 */
import { useMemo, useRef } from 'react';
import { DEFAULT_SCHEDULER, policyRegistry } from '../../sim-engine/policies/registry';
import { WEEKDAYS } from '../../sim-engine/scenario/fields';
import type { AppController, AppState } from '../state/controller';
import { type DocPath, type Json } from '../state/scenario-doc';
import { Field, isObj, kindOf, Messages, type Ctx, type Problems } from './form-fields';
import { freshRef, KindSelect, ParamFields, type PolicyDef } from './ParamFields';
import { PoolCard } from './PoolEditor';
import { WorkloadEditor } from './WorkloadEditor';

/**
 * How long a run lasts: a fixed horizon (a duration), or `drain` — until every submitted job
 * has finished or been rejected (trace workloads only). The duration typed last is kept, so
 * switching back to a fixed horizon restores it.
 */
function HorizonFields({ ctx }: { ctx: Ctx }) {
  const value = ctx.doc.horizon;
  const drain = value === 'drain';
  const last = useRef<Json>('7d');
  if (!drain && value !== undefined && value !== '') last.current = value;
  const msgs = drain ? ctx.problems.get('horizon') : undefined;
  return (
    <>
      <div className="field">
        <label htmlFor="f-horizon.mode">Run</label>
        <select
          id="f-horizon.mode"
          data-path="horizon.mode"
          className={`input${msgs?.length ? ' invalid' : ''}`}
          aria-invalid={msgs?.length ? true : undefined}
          aria-describedby={msgs?.length ? 'f-horizon-err' : undefined}
          value={drain ? 'drain' : 'fixed'}
          onChange={(e) => ctx.c.edit(['horizon'], e.target.value === 'drain' ? 'drain' : last.current, false)}
        >
          <option value="fixed">for a horizon</option>
          <option value="drain">until drained</option>
        </select>
        {drain && !msgs?.length && <div className="field-hint">until every job has finished or been rejected (trace workloads only)</div>}
        <Messages messages={msgs} id="f-horizon-err" />
      </div>
      {!drain && <Field ctx={ctx} path={['horizon']} label="Horizon" kind="duration" required hint="simulated time, e.g. 7d" />}
    </>
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
        <Field ctx={ctx} path={[...base, 'name']} label="Name" required />
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
                  {p.line ? <span className="mono">line {p.line}</span> : null} {p.path && <span className="mono">{p.path}:</span>} {p.message}
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
          <Field ctx={ctx} path={['name']} label="Name" wide required />
          <Field ctx={ctx} path={['seed']} label="Seed" kind="number" required hint="same seed, same results" />
          <HorizonFields ctx={ctx} />
          <Field ctx={ctx} path={['warmup']} label="Warm-up" kind="duration" placeholder="0" />
          <Field ctx={ctx} path={['sampleEvery']} label="Sample every" kind="duration" placeholder="5m" />
          <Field ctx={ctx} path={['slo', 'maxQueueWait']} label="SLO: max queue wait" kind="duration" placeholder="none" />
          <Field ctx={ctx} path={['startsOn']} label="Starts on" kind="select" options={WEEKDAYS.map((d) => ({ value: d, label: d }))} emptyLabel="mon (default)" hint="weekday of t = 0 (scheduled windows)" />
          <Field ctx={ctx} path={['energy', 'usdPerKwh']} label="Energy price (USD/kWh)" kind="number" placeholder="not priced" hint="adds an energy cost to the results" />
          <Field ctx={ctx} path={['energy', 'pue']} label="PUE" kind="number" placeholder="1" hint="facility ÷ IT power" />
        </div>
      </section>

      <WorkloadEditor ctx={ctx} catalog={controller.catalog} traces={state.attachedTraces} />

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
