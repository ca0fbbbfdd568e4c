/**
 * Per-tenant results (`runs[].byTenant`) and recorded-vs-simulated waits (`runs[].calibration`),
 * shown under the KPI table. Both render nothing when the runs carry no such data.
 */
import { useState } from 'react';
import type { Calibration, TenantSummary } from '../../sim-engine/metrics/types';
import { DASH, fmtCostKpi, fmtInt, fmtShare, fmtWait } from '../charts/format';
import { bestIndices, PolicyHeads, PolicySwatch } from './KpiTable';

export interface BreakdownRun {
  policy: string;
  byTenant?: TenantSummary[];
  calibration?: Calibration[];
}

const SHOWN = 12;

/** Tenants as rows (most jobs first): jobs submitted, then wait p95 and cost share per policy. */
export function TenantTable({ runs, colors }: { runs: BreakdownRun[]; colors?: string[] }) {
  const [all, setAll] = useState(false);
  const withTenants = runs.some((r) => r.byTenant && r.byTenant.length > 0);
  if (!withTenants) return null;
  const jobs = new Map<string, number>();
  for (const r of runs) for (const t of r.byTenant ?? []) if (!jobs.has(t.tenant)) jobs.set(t.tenant, t.jobsSubmitted);
  const tenants = [...jobs.keys()].sort((a, b) => jobs.get(b)! - jobs.get(a)! || a.localeCompare(b));
  const shown = all ? tenants : tenants.slice(0, SHOWN);
  const lookup = runs.map((r) => new Map((r.byTenant ?? []).map((t) => [t.tenant, t])));
  return (
    <section className="panel" data-testid="tenant-panel">
      <div className="panel-head">
        <h2>By tenant</h2>
        <span className="muted small">cost share = cost in proportion to busy accelerator-hours · shortest wait per tenant highlighted</span>
      </div>
      <div className="table-scroll">
        <table className="kpi-table breakdown-table" data-testid="tenant-table">
          <thead>
            <tr className="group-head">
              <th scope="col" rowSpan={2} className="kpi-label-head">
                Tenant
              </th>
              <th scope="col" rowSpan={2} className="num kpi-label-head">
                Jobs
              </th>
              {runs.map((r, i) => (
                <th scope="colgroup" colSpan={2} key={r.policy} className="group">
                  <PolicySwatch color={colors?.[i]} />
                  {r.policy}
                </th>
              ))}
            </tr>
            <tr className="sub-head">
              {runs.map((r) => [
                <th scope="col" key={`${r.policy}/w`} className="num group-start" title="95th percentile queueing delay of the tenant's jobs">
                  wait p95
                </th>,
                <th scope="col" key={`${r.policy}/c`} className="num" title="share of the run's cost, by busy accelerator-hours">
                  cost share
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {shown.map((tenant) => {
              const rows = lookup.map((m) => m.get(tenant));
              const waits = rows.map((t) => (t && t.waitP95S !== null && Number.isFinite(t.waitP95S) ? t.waitP95S : null));
              const best = bestIndices(waits, 'min');
              return (
                <tr key={tenant}>
                  <th scope="row" className="tenant-name" title={tenant}>
                    {tenant}
                  </th>
                  <td className="num">{fmtInt(jobs.get(tenant)!)}</td>
                  {rows.map((t, i) => [
                    <td key={`${i}/w`} className={`num group-start${best.has(i) ? ' best' : ''}${waits[i] === null ? ' null' : ''}`} data-best={best.has(i) ? 'true' : undefined}>
                      {waits[i] === null ? DASH : fmtWait(waits[i])}
                    </td>,
                    <td key={`${i}/c`} className={`num${t?.costShare == null ? ' null' : ''}`} title={t ? `${fmtCostKpi(t.costShareUsd)} · ${fmtInt(t.acceleratorHoursBusy)} busy accelerator-hours` : undefined}>
                      {t?.costShare == null ? DASH : fmtShare(t.costShare)}
                    </td>,
                  ])}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {tenants.length > SHOWN && (
        <button className="btn ghost sm show-more" onClick={() => setAll((v) => !v)}>
          {all ? `Show the ${SHOWN} largest tenants` : `Show all ${tenants.length} tenants`}
        </button>
      )}
    </section>
  );
}

const WAIT_ROWS = [
  ['waitMeanS', 'Wait mean'],
  ['waitP50S', 'Wait p50'],
  ['waitP95S', 'Wait p95'],
  ['waitP99S', 'Wait p99'],
] as const;

/** Recorded waits (what the real cluster did) beside each policy's simulated waits, per calibrated workload. */
export function CalibrationTable({ runs, colors }: { runs: BreakdownRun[]; colors?: string[] }) {
  const workloads: { workload: string; jobs: number; recorded: Calibration['recorded'] }[] = [];
  for (const r of runs) for (const c of r.calibration ?? []) if (!workloads.some((w) => w.workload === c.workload)) workloads.push({ workload: c.workload, jobs: c.jobs, recorded: c.recorded });
  if (workloads.length === 0) return null;
  return (
    <section className="panel" data-testid="calibration-panel">
      <div className="panel-head">
        <h2>Recorded vs simulated waits</h2>
        <span className="muted small">the trace's own waits beside each policy's — a fleet model that reproduces history is one to trust for what-ifs</span>
      </div>
      {workloads.map((w) => (
        <div className="table-scroll calibration-block" key={w.workload}>
          {workloads.length > 1 && (
            <h3 className="calibration-title">
              {w.workload} <span className="muted">· {fmtInt(w.jobs)} jobs</span>
            </h3>
          )}
          <table className="kpi-table breakdown-table" data-testid="calibration-table">
            <thead>
              <tr>
                <th scope="col" className="kpi-label-head">
                  {workloads.length > 1 ? 'Metric' : `${w.workload} · ${fmtInt(w.jobs)} jobs`}
                </th>
                <th scope="col" className="num recorded-col">
                  recorded
                </th>
                <PolicyHeads runs={runs} colors={colors} />
              </tr>
            </thead>
            <tbody>
              {WAIT_ROWS.map(([key, label]) => (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td className={`num recorded-col${w.recorded[key] === null ? ' null' : ''}`}>{fmtWait(w.recorded[key])}</td>
                  {runs.map((r) => {
                    const v = r.calibration?.find((c) => c.workload === w.workload)?.simulated[key] ?? null;
                    return (
                      <td key={r.policy} className={`num${v === null ? ' null' : ''}`}>
                        {fmtWait(v)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
