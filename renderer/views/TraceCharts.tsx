/**
 * The trace preview's pictures and their time formats: arrivals over the trace's own time
 * span (real dates when it has them, trace days otherwise), arrivals by hour of day,
 * accelerators per job, and percentile tables.
 */
import { ABSOLUTE_TIME_S, type AcceleratorBucket, type Distribution, type HourProfile, type JobTraceStats, type TimeHistogram } from '../../sim-engine/traces/stats';
import type { TraceSummary } from '../../sim-engine/worker/types';
import { DASH, fmtCompact, fmtDuration, fmtInt, fmtShare } from '../charts/format';
const pad = (n: number) => String(n).padStart(2, '0');
const DAY_S = 86400;

/** The dated clock of a summary (see TimeHistogram): Unix time of its 0, or null for relative times. */
export function originOf(s: Pick<TraceSummary, 'stats' | 'startS'>): number | null {
  const h = (s.stats as Partial<JobTraceStats>).arrivalsOverTime;
  if (h) return h.originUnixS;
  return s.startS !== null && s.startS >= ABSOLUTE_TIME_S ? 0 : null;
}

const utc = (unixS: number) => new Date(unixS * 1000);
/** `2017-10-03` (UTC). */
export const fmtDate = (unixS: number) => {
  const d = utc(unixS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const fmtClock = (unixS: number) => {
  const d = utc(unixS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

/**
 * A trace time: wall-clock (UTC) when the trace is dated (`originUnixS`: the Unix time of its
 * clock's 0 — epoch timestamps, or an SWF header's UnixStartTime), else `day N HH:MM` from the
 * trace clock's 0.
 */
export function fmtTraceTime(s: number | null, originUnixS: number | null = s !== null && s >= ABSOLUTE_TIME_S ? 0 : null): string {
  if (s === null || !Number.isFinite(s)) return DASH;
  if (originUnixS !== null) return `${fmtDate(originUnixS + s)} ${fmtClock(originUnixS + s)} UTC`;
  const day = Math.floor(s / DAY_S);
  const rem = s - day * DAY_S;
  return `day ${day} ${pad(Math.floor(rem / 3600))}:${pad(Math.floor((rem % 3600) / 60))}`;
}

/** The span as a planner reads it: `2017-10-03 → 2017-12-15` when dated, else `day 0 → day 74` (hours under two days). */
export function fmtTraceSpan(startS: number | null, endS: number | null, originUnixS: number | null): string {
  if (startS === null || endS === null) return DASH;
  const short = endS - startS < 2 * DAY_S;
  if (originUnixS !== null) {
    const a = originUnixS + startS;
    const b = originUnixS + endS;
    if (!short) return `${fmtDate(a)} → ${fmtDate(b)}`;
    return `${fmtDate(a)} ${fmtClock(a)} → ${fmtDate(b) === fmtDate(a) ? '' : `${fmtDate(b)} `}${fmtClock(b)} UTC`;
  }
  if (!short) return `day ${Math.floor(startS / DAY_S)} → day ${Math.floor(endS / DAY_S)}`;
  return `${fmtCompact(startS / 3600)}h → ${fmtCompact(endS / 3600)}h`;
}

/** A bin's start as a tick: a date (or a time of day, under two days) when dated, else `day N` (or hours). */
function fmtTick(t: number, spanS: number, originUnixS: number | null): string {
  const short = spanS < 2 * DAY_S;
  if (originUnixS !== null) return short ? fmtClock(originUnixS + t) : fmtDate(originUnixS + t);
  return short ? `${fmtCompact(t / 3600)}h` : `day ${Math.floor(t / DAY_S)}`;
}

/** About `n` evenly spaced bin indexes, first and last included. */
function tickIndexes(bins: number, n: number): number[] {
  if (bins <= n) return Array.from({ length: bins }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.round((i * (bins - 1)) / (n - 1)));
}

/** Arrivals over the trace's real time span: ~60 bars over [first, last] submit time, dated when the trace has dates. */
export function ArrivalsOverTime({ h, startS, endS }: { h: TimeHistogram; startS: number | null; endS: number | null }) {
  const n = h.counts.length;
  if (n === 0 || startS === null || endS === null) return null;
  const W = 720;
  const H = 90;
  const bw = W / n;
  const max = Math.max(...h.counts);
  const peak = h.counts.indexOf(max);
  const span = endS - startS;
  const binLabel = (i: number) => {
    const a = h.startS + i * h.binS;
    return `${fmtTraceTime(a, h.originUnixS)} – ${fmtTraceTime(a + h.binS, h.originUnixS)}`;
  };
  return (
    <figure className="chart mini-chart" data-testid="trace-arrivals-over-time">
      <figcaption className="chart-head">
        <div>
          <div className="chart-title">Arrivals over time</div>
          <div className="chart-subtitle">
            <span data-testid="trace-span-dates">{fmtTraceSpan(startS, endS, h.originUnixS)}</span>
            {h.originUnixS === null ? ' (the trace has no dates: times from its start)' : ''} · arrivals per {fmtDuration(h.binS)} · peak {fmtInt(max)}
          </div>
        </div>
      </figcaption>
      <svg className="mini-bars time-bars" viewBox={`0 0 ${W} ${H + 16}`} role="img" aria-label={`Arrivals per ${fmtDuration(h.binS)} over ${fmtTraceSpan(startS, endS, h.originUnixS)}`}>
        {h.counts.map((v, i) => {
          const bh = Math.max(v > 0 ? 1 : 0, max > 0 ? (v / max) * H : 0);
          return (
            <rect key={i} x={i * bw + Math.min(1, bw * 0.1)} y={H - bh} width={Math.max(1, bw - Math.min(2, bw * 0.2))} height={bh} rx={Math.min(2, bw / 4)} className={i === peak ? 'bar peak' : 'bar'}>
              <title>{`${binLabel(i)} · ${fmtInt(v)} arrivals`}</title>
            </rect>
          );
        })}
        {tickIndexes(n, 5).map((i, k, all) => (
          <text key={i} x={Math.min(W - 2, Math.max(2, i * bw + bw / 2))} y={H + 13} className="tick" textAnchor={k === 0 ? 'start' : k === all.length - 1 ? 'end' : 'middle'}>
            {fmtTick(h.startS + i * h.binS, span, h.originUnixS)}
          </text>
        ))}
      </svg>
    </figure>
  );
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function HourBars({ profile }: { profile: HourProfile }) {
  const W = 24 * 18;
  const H = 96;
  const max = Math.max(1e-9, ...profile.perHour);
  const peak = profile.perHour.indexOf(Math.max(...profile.perHour));
  return (
    <figure className="chart mini-chart" data-testid="trace-hour-profile">
      <figcaption className="chart-head">
        <div>
          <div className="chart-title">Arrivals by hour of day</div>
          <div className="chart-subtitle">
            mean per day over {profile.days.toFixed(1)} day{profile.days >= 1.05 ? 's' : ''} · peak {pad(peak)}:00 ({fmtCompact(profile.perHour[peak]!)}/h)
          </div>
        </div>
      </figcaption>
      <svg className="mini-bars" viewBox={`0 0 ${W} ${H + 16}`} role="img" aria-label="Arrivals per hour of day">
        {profile.perHour.map((v, h) => {
          const bh = Math.max(v > 0 ? 1 : 0, (v / max) * H);
          return (
            <g key={h}>
              <rect x={h * 18 + 2} y={H - bh} width={14} height={bh} rx={2} className={h === peak ? 'bar peak' : 'bar'}>
                <title>{`${pad(h)}:00–${pad(h)}:59 · ${fmtCompact(v)} arrivals/h (${fmtInt(profile.counts[h]!)} in all)`}</title>
              </rect>
              {h % 3 === 0 && (
                <text x={h * 18 + 9} y={H + 13} className="tick" textAnchor="middle">
                  {pad(h)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function AcceleratorBars({ buckets, total }: { buckets: AcceleratorBucket[]; total: number }) {
  const max = Math.max(1, ...buckets.map((b) => b.jobs));
  return (
    <figure className="chart mini-chart" data-testid="trace-accelerators">
      <figcaption className="chart-head">
        <div>
          <div className="chart-title">Accelerators per job</div>
          <div className="chart-subtitle">jobs by accelerators requested</div>
        </div>
      </figcaption>
      <table className="hbar-table">
        <tbody>
          {buckets.map((b) => (
            <tr key={b.accelerators}>
              <th scope="row" className="num mono">
                {b.accelerators}
              </th>
              <td className="hbar-cell">
                <span className="hbar" style={{ width: `${Math.max(0.5, (b.jobs / max) * 100)}%` }} />
              </td>
              <td className="num">{fmtInt(b.jobs)}</td>
              <td className="num muted">{total > 0 ? fmtShare(b.jobs / total) : DASH}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

const PCTS = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p95', 'p95'],
  ['p99', 'p99'],
  ['max', 'max'],
  ['mean', 'mean'],
] as const;

export function DistTable({ rows, testId }: { rows: { label: string; d: Distribution; fmt: (v: number | null) => string }[]; testId: string }) {
  return (
    <table className="kpi-table dist-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col" className="kpi-label-head" />
          {PCTS.map(([, label]) => (
            <th scope="col" key={label} className="num">
              {label}
            </th>
          ))}
          <th scope="col" className="num">
            n
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            {PCTS.map(([k]) => (
              <td key={k} className={`num${r.d[k] === null ? ' null' : ''}`}>
                {r.fmt(r.d[k])}
              </td>
            ))}
            <td className="num muted">{fmtInt(r.d.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

