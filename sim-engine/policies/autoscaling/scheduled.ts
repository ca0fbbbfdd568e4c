import { z } from 'zod';
import { ownValue } from '../params.js';
import { count, PosDuration, show, WEEKDAYS, type Weekday } from '../../scenario/fields.js';
import type { AutoscalerDefinition, PolicyContext, PolicyIssue } from '../definition.js';
import type { Autoscaler, AutoscalerView, ScaleSink } from '../types.js';
import { idleNodesToRelease, nodes } from './common.js';

const DAY_S = 86_400;
const WEEK_S = 7 * DAY_S;

/** "HH:MM" → seconds after midnight; `to` may be "24:00" (the end of the day). */
const timeOfDay = (what: 'from' | 'to') =>
  z.string({ error: (iss) => `${what} must be a time "HH:MM" (got ${show(iss.input)})` }).transform((v, ctx) => {
    const m = /^(\d{2}):(\d{2})$/.exec(v);
    const h = m ? Number(m[1]) : NaN;
    const min = m ? Number(m[2]) : NaN;
    const ok = m !== null && min < 60 && (h < 24 || (what === 'to' && h === 24 && min === 0));
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: `${what} must be a time "HH:MM" from 00:00 to ${what === 'to' ? '24:00' : '23:59'} (got ${show(v)})` });
      return z.NEVER;
    }
    return h * 3600 + min * 60;
  });

const hhmm = (s: number): string => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}`;

const Window = z.strictObject({
  days: z.array(z.enum(WEEKDAYS, { error: (iss) => `a day must be one of ${WEEKDAYS.join(', ')} (got ${show(iss.input)})` })).min(1, 'days needs at least one day').describe('the days the window starts on (mon … sun)'),
  from: timeOfDay('from').describe('start, "HH:MM" (from > to: the window runs past midnight into the next day)'),
  to: timeOfDay('to').describe('end, "HH:MM" or "24:00"'),
  nodes: z.record(z.string(), count('nodes')).describe('node counts per pool inside the window (pools not named keep their default)'),
});

export interface ScheduleWindow {
  days: Weekday[];
  /** Seconds after midnight. */
  from: number;
  to: number;
  nodes: Record<string, number>;
}

export interface ScheduledParams {
  windows: ScheduleWindow[];
  default?: Record<string, number> | undefined;
  recheck: number;
}

/** "tue 10:00" for a second of the week. */
const weekTime = (s: number): string => `${WEEKDAYS[Math.floor(s / DAY_S)]} ${hhmm(s % DAY_S)}`;

/** A window's spans in seconds of the week (Monday 00:00 = 0), split where they wrap past Sunday 24:00. */
function spans(w: ScheduleWindow): [number, number][] {
  const out: [number, number][] = [];
  const length = w.to > w.from ? w.to - w.from : DAY_S - w.from + w.to;
  for (const day of w.days) {
    const start = WEEKDAYS.indexOf(day) * DAY_S + w.from;
    const end = start + length;
    if (end <= WEEK_S) out.push([start, end]);
    else out.push([start, WEEK_S], [0, end - WEEK_S]);
  }
  return out;
}

/** "mon–fri 08:00–20:00", "sat,sun 00:00–24:00". */
function label(w: ScheduleWindow): string {
  const idx = [...new Set(w.days.map((d) => WEEKDAYS.indexOf(d)))].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${WEEKDAYS[idx[i]!]}–${WEEKDAYS[idx[j]!]}` : idx.slice(i, j + 1).map((d) => WEEKDAYS[d]).join(','));
    i = j + 1;
  }
  return `${runs.join(',')} ${hhmm(w.from)}–${hhmm(w.to)}`;
}

/**
 * A weekly schedule of node counts. t = 0 is Monday 00:00, or the scenario's `startsOn`
 * (`view.startsOn`) at 00:00. Each pool's target is the `nodes` of the window that holds the
 * instant and names the pool, else `default[pool]`, else the pool's `initial`; clamped to
 * [min, max]. A window with `from` > `to` runs past midnight into the next day (the days are
 * the days it starts on); windows that set the same pool may not overlap (bad input).
 *
 * It wakes at t = 0 and at window edges only (no polling): there it adds nodes up to each
 * target (within the accelerator quota) and releases idle ready nodes above it,
 * highest-numbered first. While a pool is off its target — busy nodes it could not release,
 * adds the quota capped, a lost node — it looks again every `recheck` until it is back on
 * target. The fleet starts with the pools' `initial` nodes: t = 0's target is requested at
 * t = 0 and goes through provisioning like any other (no lead time: it scales at the edge).
 * Its capacity bound is the pool's max: a job too big for every window waits, it is not rejected.
 * Cost per wake: O(pools × windows + nodes of pools above target).
 */
export class ScheduledAutoscaler implements Autoscaler {
  readonly name = 'scheduled';
  private readonly spans: [number, number][][];
  /** Window edges in seconds of the week, ascending, unique. */
  private readonly edges: number[];

  constructor(private readonly params: ScheduledParams) {
    this.spans = params.windows.map(spans);
    this.edges = [...new Set(this.spans.flat().flatMap(([a, b]) => [a % WEEK_S, b % WEEK_S]))].sort((a, b) => a - b);
  }

  capacityBound(pool: { initial: number; max: number }): { nodes: number; limit: 'initial' | 'max' } {
    return { nodes: Math.max(pool.max, pool.initial), limit: 'max' };
  }

  firstWakeS(): number {
    return 0;
  }

  /** The window setting the pool at second `s` of the week, or -1. */
  private windowAt(pool: string, s: number): number {
    for (let w = 0; w < this.spans.length; w++) {
      if (ownValue(this.params.windows[w]!.nodes, pool) === undefined) continue;
      if (this.spans[w]!.some(([a, b]) => a <= s && s < b)) return w;
    }
    return -1;
  }

  private weekS(view: AutoscalerView): number {
    return (((view.now + view.startsOn * DAY_S) % WEEK_S) + WEEK_S) % WEEK_S;
  }

  /** The pool's target now and why. */
  target(view: AutoscalerView, pool: number): { nodes: number; why: string } {
    const p = view.pools[pool]!;
    const w = this.windowAt(p.name, this.weekS(view));
    const raw = w >= 0 ? ownValue(this.params.windows[w]!.nodes, p.name)! : (ownValue(this.params.default, p.name) ?? p.initial);
    const why = w >= 0 ? `window ${label(this.params.windows[w]!)}` : ownValue(this.params.default, p.name) !== undefined ? 'outside windows (default)' : "outside windows (the pool's initial)";
    return { nodes: Math.min(p.max, Math.max(p.min, raw)), why };
  }

  /** The highest target the pool ever has (what a later window may still add up to). */
  private highestTarget(view: AutoscalerView, pool: number): number {
    const p = view.pools[pool]!;
    let t = ownValue(this.params.default, p.name) ?? p.initial;
    for (const w of this.params.windows) t = Math.max(t, ownValue(w.nodes, p.name) ?? 0);
    return Math.min(p.max, Math.max(p.min, t));
  }

  mayStillAct(view: AutoscalerView): boolean {
    // A later edge (or recheck) may still add nodes: some queued job fits a pool's highest target that the pool is below.
    for (let j = view.firstQueued(), n = 0; j >= 0 && n < 1000; j = view.nextQueued(j), n++) {
      const k = view.jobAccelerators(j);
      for (const p of view.pools) {
        const high = this.highestTarget(view, p.index);
        if (view.jobAllowsPool(j, p.index) && p.nodes < high && p.quotaRoomNodes > 0 && Math.ceil(k / p.perNode) <= high) return true;
      }
    }
    return false;
  }

  decide(view: AutoscalerView, sink: ScaleSink): number {
    let offTarget = false;
    for (const p of view.pools) {
      const { nodes: target, why } = this.target(view, p.index);
      if (p.nodes < target) {
        const add = Math.min(target - p.nodes, p.quotaRoomNodes);
        if (add > 0) sink.add(p.index, add, `${why}: target ${nodes(target)}; ${p.nodes} → ${target} → +${add}${add < target - p.nodes ? ' (capped by the accelerator quota)' : ''}`);
        if (p.nodes < target) offTarget = true;
      } else if (p.nodes > target) {
        const release = idleNodesToRelease(view, p.index, p.nodes - target);
        const busy = p.nodes - target - release.length;
        if (release.length > 0) sink.release(p.index, release, `${why}: target ${nodes(target)}; ${p.nodes} → ${target} → −${release.length}${busy > 0 ? ` (${nodes(busy)} busy: released as they go idle)` : ''}`);
        if (busy > 0) offTarget = true;
      }
    }
    return Math.min(this.nextEdgeS(view), offTarget ? view.now + this.params.recheck : Infinity);
  }

  /** Lost nodes are replaced at the next look, `recheck` from now. */
  onNodesLost(view: AutoscalerView): number {
    return view.now + this.params.recheck;
  }

  /** The next window edge after now, absolute seconds. */
  private nextEdgeS(view: AutoscalerView): number {
    const s = this.weekS(view);
    const next = this.edges.find((e) => e > s) ?? this.edges[0]! + WEEK_S;
    return view.now + (next - s);
  }
}

export function createScheduledAutoscaler(params: ScheduledParams): Autoscaler {
  return new ScheduledAutoscaler(params);
}

export const scheduledParams = z.strictObject({
  windows: z.array(Window).min(1, 'windows needs at least one window').describe('weekly windows { days, from, to, nodes }; windows that set the same pool may not overlap'),
  default: z.record(z.string(), count('nodes')).optional().describe("node counts per pool outside every window (default: the pool's initial)"),
  recheck: PosDuration.prefault('1m').describe('while a pool is off its target (busy nodes above it, quota-capped, a lost node), look again this often'),
}) satisfies z.ZodType<ScheduledParams, unknown>;

function validateCounts(counts: Record<string, number>, path: (string | number)[], { poolNames, pools }: PolicyContext, addIssue: (issue: PolicyIssue) => void): void {
  for (const [name, n] of Object.entries(counts)) {
    const pool = pools.find((p) => p.name === name);
    const max = pool ? (pool.max ?? Math.max(pool.initial, pool.min)) : 0;
    if (!pool) addIssue({ path: [...path, name], params: { didYouMean: [...poolNames] }, message: `unknown pool (got ${show(name)}; pools: ${poolNames.join(', ')})` });
    else if (n > max) addIssue({ path: [...path, name], message: `nodes must be ≤ the pool's max (${max}) (got ${n})` });
    else if (n < pool.min) addIssue({ path: [...path, name], message: `nodes must be ≥ the pool's min (${pool.min}) (got ${n})` });
  }
}

export const scheduledAutoscaler: AutoscalerDefinition<typeof scheduledParams> = {
  name: 'scheduled',
  description: 'Weekly windows of node counts per pool (t = 0 is startsOn 00:00); scales exactly at window edges, releasing busy nodes as they go idle.',
  params: scheduledParams,
  create: createScheduledAutoscaler,
  validate(params, ctx, addIssue) {
    params.windows.forEach((w, i) => {
      validateCounts(w.nodes, ['windows', i, 'nodes'], ctx, addIssue);
      const twice = w.days.find((d, k) => w.days.indexOf(d) !== k);
      if (twice) addIssue({ path: ['windows', i, 'days'], message: `days lists ${twice} twice (got ${w.days.join(', ')})` });
      if (w.from === w.to) addIssue({ path: ['windows', i, 'to'], message: `a window must not be empty: to must differ from from (${hhmm(w.from)}) (got ${hhmm(w.to)})` });
    });
    if (params.default) validateCounts(params.default, ['default'], ctx, addIssue);
    // Windows that set the same pool may not overlap: which one holds would be ambiguous.
    const all = params.windows.map(spans);
    for (let j = 1; j < params.windows.length; j++) {
      for (let i = 0; i < j; i++) {
        const shared = Object.keys(params.windows[j]!.nodes).find((pool) => ownValue(params.windows[i]!.nodes, pool) !== undefined);
        if (shared === undefined || params.windows[i]!.from === params.windows[i]!.to || params.windows[j]!.from === params.windows[j]!.to) continue;
        const clash = all[i]!.flatMap((a) => all[j]!.filter((b) => a[0] < b[1] && b[0] < a[1]).map((b): [number, number] => [Math.max(a[0], b[0]), Math.min(a[1], b[1])]))[0];
        if (!clash) continue;
        const day = Math.floor(clash[0] / DAY_S) * DAY_S;
        const at = `${weekTime(clash[0])}–${clash[1] - day <= DAY_S ? hhmm(clash[1] - day) : weekTime(clash[1] % WEEK_S)}`;
        addIssue({ path: ['windows', j], message: `windows ${i} and ${j} both set pool ${show(shared)} on ${at}: windows for the same pool must not overlap (got ${label(params.windows[i]!)} and ${label(params.windows[j]!)})` });
        break;
      }
    }
  },
};
