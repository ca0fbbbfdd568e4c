/**
 * The trace preview: what `fleetlab inspect` says about a file, computed in the worker —
 * counts, time span, arrivals over the trace's time span (with its dates when it has them) and
 * by hour of day, accelerators per job, duration and recorded-wait percentiles, the row issues
 * with their line numbers — with a format picker and the button that puts the trace into the
 * scenario (and says why when it cannot).
 */
import type { JobTraceStats, NodeTraceStats, RequestTraceStats } from '../../sim-engine/traces/stats';
import { AcceleratorBars, ArrivalsOverTime, DistTable, fmtBytes, fmtTraceTime, HourBars, originOf } from './TraceCharts';
import type { TraceSummary } from '../../sim-engine/worker/types';
import { fmtCompact, fmtDuration, fmtInt, fmtPct } from '../charts/format';
import type { TracePreview as Preview } from '../state/controller';
import { TRACE_FORMATS, TRACE_KIND_LABELS } from '../state/trace-formats';

const tokens = (v: number | null) => fmtCompact(v);

function Facts({ s }: { s: TraceSummary }) {
  const span = s.startS !== null && s.endS !== null ? s.endS - s.startS : null;
  const origin = originOf(s);
  const jobs = s.kind === 'jobs' ? (s.stats as JobTraceStats) : null;
  const filteredTitle = Object.entries(s.filteredReasons)
    .map(([why, n]) => `${fmtInt(n)} ${why}`)
    .join('\n');
  return (
    <dl className="facts">
      <div>
        <dt>{s.kind === 'requests' ? 'Requests' : s.kind === 'nodes' ? 'Nodes' : 'Jobs'}</dt>
        <dd data-testid="trace-records">{fmtInt(s.records)}</dd>
      </div>
      <div>
        <dt>Skipped</dt>
        <dd className={s.skipped > 0 ? 'warn' : ''}>{fmtInt(s.skipped)}</dd>
      </div>
      <div title={filteredTitle || undefined}>
        <dt>Filtered</dt>
        <dd>{fmtInt(s.filtered)}</dd>
      </div>
      {s.kind !== 'nodes' && (
        <div className="wide">
          <dt>Time span{span !== null ? ` · ${fmtDuration(span)}` : ''}</dt>
          <dd className="span-value">
            {fmtTraceTime(s.startS, origin)} → {fmtTraceTime(s.endS, origin)}
          </dd>
        </div>
      )}
      {jobs?.tenants !== undefined && (
        <div>
          <dt>Tenants</dt>
          <dd>{fmtInt(jobs.tenants)}</dd>
        </div>
      )}
    </dl>
  );
}

function Issues({ s }: { s: TraceSummary }) {
  if (s.issueCount === 0 && s.filtered === 0) return null;
  return (
    <section className="panel" data-testid="trace-issues">
      <div className="panel-head">
        <h2>
          {s.issueCount > 0 ? `${fmtInt(s.issueCount)} row${s.issueCount === 1 ? '' : 's'} with issues` : 'No row issues'}
          {s.issueCount > s.issues.length && <span className="badge">first {s.issues.length} shown</span>}
        </h2>
        <span className="muted small">bad rows are skipped; a trace entry with strict: true refuses them</span>
      </div>
      {s.issues.length > 0 && (
        <table className="log-table issue-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Problem</th>
              <th scope="col">Code</th>
            </tr>
          </thead>
          <tbody>
            {s.issues.map((i, k) => (
              <tr key={k}>
                <td className="num mono">
                  {i.line}
                  {i.column !== undefined ? `:${i.column}` : ''}
                </td>
                <td className="reason">{i.message}</td>
                <td className="mono muted">{i.code}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.filtered > 0 && (
        <p className="muted small filtered-note">
          Left out on purpose:{' '}
          {Object.entries(s.filteredReasons)
            .map(([why, n]) => `${fmtInt(n)} ${why}`)
            .join(' · ')}
        </p>
      )}
    </section>
  );
}

function Stats({ s }: { s: TraceSummary }) {
  if (s.kind === 'jobs') {
    const j = s.stats as JobTraceStats;
    const rows = [{ label: 'Duration', d: j.durationS, fmt: fmtDuration }];
    if (j.recordedWaitS && j.recordedWaitS.count > 0) rows.push({ label: 'Recorded wait', d: j.recordedWaitS, fmt: fmtDuration });
    return (
      <>
        {j.arrivalsOverTime && (
          <section className="panel">
            <ArrivalsOverTime h={j.arrivalsOverTime} startS={s.startS} endS={s.endS} />
          </section>
        )}
        <div className="preview-grid">
          <section className="panel">
            <HourBars profile={j.arrivalsByHourOfDay} />
          </section>
          <section className="panel">
            <AcceleratorBars buckets={j.acceleratorDemand} total={s.records} />
          </section>
        </div>
        <section className="panel">
          <div className="panel-head">
            <h2>Durations{rows.length > 1 ? ' and recorded waits' : ''}</h2>
            <span className="muted small">{rows.length > 1 ? 'recorded waits are what the real cluster did — compare them with the simulation (compareRecorded: true)' : 'run time on the reference accelerator'}</span>
          </div>
          <div className="table-scroll">
            <DistTable rows={rows} testId="trace-durations" />
          </div>
          {j.acceleratorTypes && j.acceleratorTypes.length > 0 && <p className="muted small">Accelerator types: {j.acceleratorTypes.join(', ')}</p>}
        </section>
      </>
    );
  }
  if (s.kind === 'requests') {
    const q = s.stats as RequestTraceStats;
    return (
      <>
        {q.arrivalsOverTime && (
          <section className="panel">
            <ArrivalsOverTime h={q.arrivalsOverTime} startS={s.startS} endS={s.endS} />
          </section>
        )}
        <div className="preview-grid">
          <section className="panel">
            <HourBars profile={q.arrivalsByHourOfDay} />
          </section>
          <section className="panel">
            <p className="muted small">Inference request traces can be inspected; replaying them needs the serving model, which is not built yet.{q.models ? ` ${fmtInt(q.models)} models.` : ''}</p>
          </section>
        </div>
        <section className="panel">
          <div className="table-scroll">
            <DistTable
              testId="trace-durations"
              rows={[
                { label: 'Input tokens', d: q.inputTokens, fmt: tokens },
                { label: 'Output tokens', d: q.outputTokens, fmt: tokens },
                { label: 'Service time', d: q.serviceS, fmt: fmtDuration },
              ]}
            />
          </div>
        </section>
      </>
    );
  }
  const n = s.stats as NodeTraceStats;
  return (
    <section className="panel">
      <div className="panel-head">
        <h2>Pools by accelerator model</h2>
        <span className="muted small">{fmtInt(n.accelerators)} accelerators in all</span>
      </div>
      <table className="kpi-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Nodes
            </th>
            <th scope="col" className="num">
              Per node
            </th>
            <th scope="col">Catalog id</th>
          </tr>
        </thead>
        <tbody>
          {n.pools.map((p) => (
            <tr key={`${p.model}/${p.acceleratorsPerNode}`}>
              <th scope="row">{p.model}</th>
              <td className="num">{fmtInt(p.nodes)}</td>
              <td className="num">{p.acceleratorsPerNode}</td>
              <td className={p.catalogId ? 'mono' : 'muted'}>{p.catalogId ?? 'unknown: map it with acceleratorMap'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export interface TracePreviewProps {
  preview: Preview;
  /** A scenario is open (the trace can be added to it). */
  canUse: boolean;
  onFormat: (format: string) => void;
  onUse: () => void;
  onClose: () => void;
}

/** Why "Use in scenario" is disabled (shown beside it and as its tooltip), or null when it is enabled. */
export function whyUseDisabled(p: Pick<Preview, 'phase' | 'summary'>, canUse: boolean): string | null {
  if (!canUse) return 'Open a scenario first: the trace becomes one of its workload entries';
  if (p.phase === 'parsing') return 'Reading the trace…';
  if (p.phase === 'error') return 'This file cannot be read as a trace: pick its format, or open another file';
  const kind = p.summary?.kind;
  if (kind && kind !== 'jobs') return `Only batch-job traces can be replayed yet (this one has ${kind === 'requests' ? 'inference requests' : 'a fleet inventory'})`;
  return null;
}

export function TracePreview({ preview: p, canUse, onFormat, onUse, onClose }: TracePreviewProps) {
  const s = p.summary;
  const kinds = ['jobs', 'requests', 'nodes'] as const;
  const blocked = whyUseDisabled(p, canUse);
  return (
    <div className="results trace-preview" data-testid="trace-preview">
      <div className="results-head">
        <div>
          <h1>
            Trace preview <span className="muted preview-file">· {p.fileName}</span>
          </h1>
          <div className="muted small">
            {fmtBytes(p.size)}
            {s ? ` · ${TRACE_KIND_LABELS[s.kind].toLowerCase()} · sha256 ${s.sha256.slice(0, 12)}…` : ''}
          </div>
        </div>
        <div className="btn-group">
          <label className="muted small" htmlFor="trace-format">
            Format
          </label>
          <select id="trace-format" className="input format-picker" data-testid="trace-format" value={p.format} onChange={(e) => onFormat(e.target.value)} disabled={p.phase === 'parsing'}>
            <option value="auto">auto{s && p.format === 'auto' ? ` (${s.format})` : ''}</option>
            {kinds.map((k) => (
              <optgroup key={k} label={TRACE_KIND_LABELS[k]}>
                {TRACE_FORMATS.filter((f) => f.kind === k).map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.id} — {f.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button className="btn" onClick={onClose} data-testid="close-preview">
            Close
          </button>
          {/* A disabled button gets no hover events in some browsers: the wrapper carries the tooltip. */}
          <span className="use-trace-wrap" title={blocked ?? undefined}>
            <button
              className="btn primary"
              onClick={onUse}
              data-testid="use-trace"
              disabled={blocked !== null}
              aria-describedby={blocked ? 'use-trace-reason' : undefined}
              title={blocked ?? (p.providesPath ? `Attach as ${p.providesPath}, which the scenario reads` : 'Add a trace workload entry for this file to the scenario (undoable)')}
            >
              {p.providesPath ? 'Attach to scenario' : 'Use in scenario'}
            </button>
          </span>
        </div>
      </div>
      {blocked && (
        <div className="use-trace-reason muted small" id="use-trace-reason" data-testid="use-trace-reason">
          {blocked}
        </div>
      )}

      {p.phase === 'parsing' && (
        <section className="panel preview-progress">
          <div className="progress wide-progress" data-testid="trace-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p.fraction * 100)} aria-label="Reading the trace">
            <div className="progress-text">
              <span>Reading {p.fileName}…</span>
              <span className="muted">{fmtPct(p.fraction)}</span>
            </div>
            <div className="progress-track">
              <div className="progress-fill" style={{ width: `${Math.max(2, p.fraction * 100)}%` }} />
            </div>
          </div>
        </section>
      )}

      {p.phase === 'error' && (
        <div className="error-banner inline" role="alert" data-testid="trace-error">
          <div className="error-icon" aria-hidden="true">
            !
          </div>
          <div className="error-body">
            <div className="error-title">This file cannot be read as a trace{p.format !== 'auto' ? ` in the ${p.format} format` : ''}</div>
            <pre className="error-text">{p.message}</pre>
            <div className="muted small">Pick its format above if it was not recognized, or check that the file is complete.</div>
          </div>
        </div>
      )}

      {s && p.phase === 'done' && (
        <>
          {p.providesPath && <div className="info-note">This is the trace the scenario reads as <code>{p.providesPath}</code>: attach it and run.</div>}
          <section className="panel">
            <Facts s={s} />
          </section>
          <Stats s={s} />
          <Issues s={s} />
        </>
      )}
    </div>
  );
}
