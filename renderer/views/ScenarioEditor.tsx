/**
 * The scenario editor: scenario parameters, the fleet's pools and the policies
 * to compare. Every change is an immer patch (undo/redo); problems show next to
 * the field, from the immediate local rules and from the worker's full check.
 */
import { useMemo } from 'react';
import { DEFAULT_SCHEDULER, policyRegistry } from '../../sim-engine/policies/registry';
import { WEEKDAYS } from '../../sim-engine/scenario/fields';
import { fmtUsd } from '../charts/format';
import { PURCHASE_OPTIONS, pricePerAcceleratorHour, WORKLOAD_CLASSES, type AcceleratorInfo } from '../state/catalog';
import type { AppController, AppState } from '../state/controller';
import { type DocPath, type Json } from '../state/scenario-doc';

import { Field, isObj, kindOf, Messages, show, type Ctx, type Problems } from './form-fields';
import { freshRef, KindSelect, ParamFields, type PolicyDef } from './ParamFields';

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
