import { useState } from 'react';
import type { DecisionRecord } from '../../sim-engine/metrics/types';
import type { RunView } from '../../sim-engine/worker/types';
import { fmtSimTime } from '../charts/format';
import { policyColor } from '../charts/series';
import { PolicySwatch } from './KpiTable';

const PAGE = 200;

/** Decisions within the zoomed time range (all of them without a zoom). */
export function decisionsInRange(decisions: readonly DecisionRecord[], zoom: readonly [number, number] | null): readonly DecisionRecord[] {
  return zoom ? decisions.filter((d) => d.timeS >= zoom[0] && d.timeS <= zoom[1]) : decisions;
}

export function DecisionLog({ runs, zoom = null }: { runs: RunView[]; zoom?: readonly [number, number] | null }) {
  const [selected, setSelected] = useState(() => Math.max(0, runs.findIndex((r) => r.decisions.length > 0)));
  const [limit, setLimit] = useState(PAGE);
  const run = runs[selected] ?? runs[0];
  if (!run) return null;
  const shown = decisionsInRange(run.decisions, zoom);
  const rows = shown.slice(0, limit);
  return (
    <section className="panel" data-testid="decision-log">
      <div className="panel-head">
        <h2>Policy decisions</h2>
        <div className="segmented" role="tablist" aria-label="Policy">
          {runs.map((r, i) => (
            <button
              key={r.policy}
              role="tab"
              aria-selected={i === selected}
              className={i === selected ? 'active' : ''}
              onClick={() => {
                setSelected(i);
                setLimit(PAGE);
              }}
            >
              <PolicySwatch color={policyColor(r.policy)} />
              {r.policy} <span className="count">{r.decisionCount}</span>
            </button>
          ))}
        </div>
      </div>
      {zoom && run.decisions.length > 0 && (
        <p className="muted small empty-inline" data-testid="decision-log-range">
          {shown.length.toLocaleString('en-US')} of {run.decisions.length.toLocaleString('en-US')} decisions in the zoomed range {fmtSimTime(zoom[0])} – {fmtSimTime(zoom[1])}
        </p>
      )}
      {run.decisions.length === 0 ? (
        <p className="muted empty-inline">
          {run.policy} made no scaling decisions — {run.summary ? 'its fleet stayed at the size it started with.' : ''}
        </p>
      ) : (
        <div className="table-scroll log-scroll">
          <table className="log-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Pool</th>
                <th scope="col" className="num">Change</th>
                <th scope="col">By</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d, i) => (
                <tr key={i}>
                  <td className="mono">{fmtSimTime(d.timeS)}</td>
                  <td>{d.pool}</td>
                  <td className={`num mono ${d.action === 'add' ? 'up' : 'down'}`}>{changeText(d)}</td>
                  <td className="muted small">{d.component}</td>
                  <td className="reason">{d.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > limit && (
            <button className="btn ghost show-more" onClick={() => setLimit((l) => l + PAGE * 5)}>
              Show more ({shown.length - limit} left)
            </button>
          )}
          {run.decisions.length <= limit && run.decisionCount > run.decisions.length && (
            <p className="muted small empty-inline">
              Showing the first {run.decisions.length.toLocaleString('en-US')} of {run.decisionCount.toLocaleString('en-US')} decisions.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** The change a decision made, as the log's Change column shows it. */
export function changeText(d: DecisionRecord): string {
  const plural = d.count === 1 ? '' : 's';
  if (d.action === 'add') return `+${d.count} node${plural}`;
  if (d.action === 'release') return `−${d.count} node${plural}`;
  if (d.action === 'unfulfilled') return `${d.count} request${plural} unfulfilled`;
  if (d.action === 'refused') return `${d.count} node${plural} refused`;
  return `preempted ${d.count} job${plural}`;
}
