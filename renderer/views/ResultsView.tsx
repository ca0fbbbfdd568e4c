import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunBundle } from '../../sim-engine/worker/types';
import { fmtCompact, fmtCostKpi, fmtDuration, fmtPct, fmtUsd } from '../charts/format';
import { DECISION_MARKERS, DEMAND_COLOR, FAULT_MARKERS, policyColor, stackedReady, totalSeries, windowCostSeries } from '../charts/series';
import { TimeSeriesChart, type ChartLine, type ChartMarker } from '../charts/TimeSeriesChart';
import { WaitCdfChart, type CdfSeries } from '../charts/WaitCdfChart';
import type { AppController, AppState } from '../state/controller';
import { changeText, DecisionLog } from './DecisionLog';
import { CommitmentTable, PoolBreakdown, poolColor } from './PoolBreakdown';
import { ResultsSummary } from './ResultsSummary';
import { CalibrationTable, TenantTable } from './TenantTable';

const fmtAxisPct = (v: number) => fmtPct(v).replace('.0%', '%');

/**
 * Mounts a results view in stages, one per macrotask after a frame, so no single main-thread
 * task lays out and draws every chart at once (DESIGN.md §8: no task over 100 ms). Returns how
 * many stages are shown; remount (key by run) to start again.
 */
export function useStagedReveal(stages: number): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= stages) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      timer = setTimeout(() => setShown((n) => n + 1), 0);
    };
    const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(next) : (next(), 0);
    return () => {
      if (raf && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  }, [shown, stages]);
  return shown;
}


export function ResultsView({ controller, state, bundle, gridColor, mutedColor }: { controller: AppController; state: AppState; bundle: RunBundle; gridColor: string; mutedColor: string }) {
  const runs = bundle.runs;
  const onZoom = useCallback((z: [number, number] | null) => controller.setZoom(z), [controller]);
  const domain = useMemo<[number, number]>(() => {
    let end = 0;
    for (const r of runs) end = Math.max(end, r.endS, r.series.timeS.length ? r.series.timeS[r.series.timeS.length - 1]! : 0);
    return [0, end || 1];
  }, [runs]);

  const multiPool = (runs[0]?.series.pools.length ?? 0) > 1;
  const [byPool, setByPool] = useState(false);
  const stacked = byPool && multiPool;
  // Each policy's chart on its own y-scale by default, so one runaway policy does not flatten the others; the toggle shares one.
  const [sharedY, setSharedY] = useState(false);
  const warmupS = runs[0]?.warmupS ?? 0;
  const capacity = useMemo(() => {
    let yMax: number | undefined;
    if (sharedY) {
      yMax = 0;
      for (const rr of runs) {
        const ss = totalSeries(rr);
        for (const a of [ss.capacity, ss.demand]) for (let k = 0; k < a.length; k++) if (a[k]! > yMax) yMax = a[k]!;
      }
    }
    return runs.map((r) => {
      const s = totalSeries(r);
      const c = policyColor(r.policy);
      const lines: ChartLine[] = [];
      if (stacked) {
        // Each pool's ready accelerators on top of the pools before it (drawn top down).
        const stack = stackedReady(r);
        for (let p = stack.length - 1; p >= 0; p--) lines.push({ key: `pool-${p}`, label: r.series.pools[p]!, color: poolColor(p), x: s.t, y: stack[p]!, fill: true, fillOpacity: 1, step: true, width: 1, legendRank: p - stack.length });
      } else {
        lines.push({ key: 'ready', label: 'ready', color: c, x: s.t, y: s.ready, fill: true, step: true, width: 1.5 });
        lines.push({ key: 'capacity', label: '+ provisioning', color: c, x: s.t, y: s.capacity, step: true, dash: [4, 3], width: 1 });
      }
      lines.push({ key: 'busy', label: 'busy', color: mutedColor, x: s.t, y: s.busy, width: 1 });
      lines.push({ key: 'demand', label: 'demand', color: DEMAND_COLOR, x: s.t, y: s.demand, width: 1.5 });
      if (s.failed.some((v) => v > 0)) lines.push({ key: 'failed', label: 'down for repair', color: FAULT_MARKERS[1].color, x: s.t, y: s.failed, fill: true, fillOpacity: 0.35, step: true, width: 1 });
      const e = r.faultEvents;
      const markers: ChartMarker[] = [];
      if (e) for (let k = 0; k < e.timeS.length; k++) markers.push({ t: e.timeS[k]!, color: FAULT_MARKERS[e.kind[k]!]!.color, label: FAULT_MARKERS[e.kind[k]!]!.label });
      // Policy decisions along the top, the reason on hover.
      for (const d of r.decisions) {
        const m = DECISION_MARKERS[d.action];
        markers.push({ t: d.timeS, color: m.color, label: m.label, top: true, title: `${d.pool}: ${changeText(d)} — ${d.reason}` });
      }
      return { policy: r.policy, lines, yMax, markers };
    });
  }, [runs, mutedColor, stacked, sharedY]);
  const combined = useMemo(() => {
    const mk = (pick: (s: ReturnType<typeof totalSeries>) => Float64Array, step = false): ChartLine[] =>
      runs.map((r) => {
        const s = totalSeries(r);
        return { key: r.policy, label: r.policy, color: policyColor(r.policy), x: s.t, y: pick(s), step, width: 1.5 };
      });
    // Cost over the KPI window: 0 at the warm-up's end, the KPI table's cost at the horizon.
    const cost = runs.map((r): ChartLine => {
      const c = windowCostSeries(r);
      return { key: r.policy, label: r.policy, color: policyColor(r.policy), x: c.x, y: c.y, width: 1.5 };
    });
    return { util: mk((s) => s.utilization, true), queue: mk((s) => s.queued, true), cost };
  }, [runs]);
  const replications = bundle.results.runs[0]?.replications;
  const costSubtitle = `${warmupS > 0 ? 'USD since warm-up' : 'USD'} · ends at the KPI table's cost${replications ? ' (first replication)' : ''}`;
  const cdf = useMemo<CdfSeries[]>(() => runs.map((r) => ({ key: r.policy, label: r.policy, color: policyColor(r.policy), waits: r.waitsSortedS })), [runs]);

  // results.json's entries: with replications, their means (what the KPI table shows too).
  const poolRuns = useMemo(() => bundle.results.runs.map((r) => ({ policy: r.policy, byPool: r.byPool ?? [] })), [bundle]);
  const policyColors = useMemo(() => runs.map((r) => policyColor(r.policy)), [runs]);
  // The summary first; then each capacity chart, each row of the chart grid, and the decision log.
  const stage = useStagedReveal(runs.length + 4);
  const zoomed = state.zoom !== null;
  const zoomNote = zoomed ? (
    <button className="link" onClick={() => onZoom(null)}>
      Reset zoom ({fmtDuration(state.zoom![1] - state.zoom![0])} shown)
    </button>
  ) : (
    <span>drag to zoom · double-click to reset</span>
  );

  return (
    <div className="results">
      <ResultsSummary controller={controller} state={state} bundle={bundle} gridColor={gridColor} />

      <PoolBreakdown runs={poolRuns} colors={policyColors} />
      <CommitmentTable runs={bundle.results.runs} colors={policyColors} />
      <TenantTable runs={bundle.results.runs} colors={policyColors} />
      <CalibrationTable runs={bundle.results.runs} colors={policyColors} />

      <section className="panel" data-testid="chart-capacity">
        <div className="panel-head">
          <h2>Capacity vs demand</h2>
          <span className="muted small panel-tools">
            {multiPool && (
              <span className="seg-toggle" role="group" aria-label="Capacity shown">
                <button aria-pressed={!stacked} onClick={() => setByPool(false)}>
                  Total
                </button>
                <button aria-pressed={stacked} onClick={() => setByPool(true)} data-testid="capacity-by-pool">
                  By pool
                </button>
              </span>
            )}
            <span className="seg-toggle">
              <button aria-pressed={sharedY} onClick={() => setSharedY((v) => !v)} data-testid="share-y" title="One y-scale for every policy's chart (default: each its own, so no policy flattens the others)">
                Shared y-scale
              </button>
            </span>
            {zoomNote}
          </span>
        </div>
        <div className="chart-stack">
          {capacity.map((c, i) =>
            stage > 1 + i ? (
              <TimeSeriesChart
                key={c.policy}
                title={c.policy}
                subtitle="accelerators"
                lines={c.lines}
                domain={domain}
                zoom={state.zoom}
                onZoom={onZoom}
                yFormat={fmtCompact}
                yMax={c.yMax}
                markers={c.markers}
                warmupS={warmupS}
                exportName={`capacity ${c.policy}`}
                testId={`capacity-${i}`}
                height={190}
                gridColor={gridColor}
              />
            ) : (
              <div key={c.policy} className="chart-placeholder" aria-hidden="true" />
            ),
          )}
        </div>
      </section>

      <div className="chart-grid">
        {stage > runs.length + 1 ? (
          <>
            <section className="panel">
              <TimeSeriesChart title="Utilization" subtitle="busy ÷ ready accelerators" lines={combined.util} domain={domain} zoom={state.zoom} onZoom={onZoom} yFormat={fmtAxisPct} valueFormat={fmtPct} yCeiling={1} smooth warmupS={warmupS} testId="chart-utilization" gridColor={gridColor} />
            </section>
            <section className="panel">
              <TimeSeriesChart title="Queue length" subtitle="jobs waiting" lines={combined.queue} domain={domain} zoom={state.zoom} onZoom={onZoom} yFormat={fmtCompact} smooth warmupS={warmupS} testId="chart-queue" gridColor={gridColor} />
            </section>
          </>
        ) : (
          <div className="panel placeholder chart-row-placeholder" aria-hidden="true" />
        )}
        {stage > runs.length + 2 ? (
          <>
            <section className="panel">
              <TimeSeriesChart title="Cumulative cost" subtitle={costSubtitle} lines={combined.cost} domain={domain} zoom={state.zoom} onZoom={onZoom} yFormat={fmtUsd} valueFormat={fmtCostKpi} warmupS={warmupS} testId="chart-cost" gridColor={gridColor} />
            </section>
            <section className="panel">
              <WaitCdfChart series={cdf} gridColor={gridColor} />
            </section>
          </>
        ) : (
          <div className="panel placeholder chart-row-placeholder" aria-hidden="true" />
        )}
      </div>

      {stage > runs.length + 3 && <DecisionLog runs={runs} zoom={state.zoom} />}
    </div>
  );
}
