/**
 * The kernel: the clock, the per-instant loop and the dispatch (DESIGN.md §3). Nothing
 * domain-specific lives here.
 *
 * At each instant t (the earliest of the heap's next event and the next arrival):
 *   1. `beforeInstant(t)` — work due strictly before t (samples);
 *   2. heap events of classes before Arrival (completions, node changes, nodes ready), in
 *      (time, class, sequence) order, each dispatched on (class, kind) to its handler;
 *   3. arrivals at t (they wait in their sources, not in the heap);
 *   4. the remaining heap events at t (autoscaler ticks and anything scheduled at t);
 *   5. `afterEvents()` — the scheduling pass;
 *   6. in drain mode, the drain check (every job finished, or stalled with a reason).
 * The run covers [0, horizon): an event at exactly the horizon is not handled.
 *
 * Drive it with `runFor(events)` in slices; results do not depend on the slice size.
 */
import { EventClass, EventQueue } from '../core/event-queue.js';

export interface Clock {
  readonly now: number;
}

/** Receives the events of the (class, kind) pairs it registered for. */
export interface EventHandler {
  onEvent(kind: number, payload: number, tag: number): void;
}

/** Arrivals kept outside the heap: the next arrival time, and delivery of everything at t. */
export interface ArrivalStream {
  /** Time of the next arrival, Infinity when none is left. */
  readonly nextS: number;
  /** Deliver every arrival at time t; returns how many (each counts as an event). */
  deliverAt(t: number): number;
}

export interface InstantHooks {
  /** Before the instant at t is handled (t may be the horizon or the end of a drain). */
  beforeInstant(t: number): void;
  /** After every event of the instant: the scheduling pass. */
  afterEvents(): void;
  /** The run ended at `endS`: close meters and samples. */
  finish(endS: number): void;
}

/** For `horizon: drain`: when the run is over, and whether it can never be. */
export interface DrainProbe {
  done(): boolean;
  /** Why the queued work can never finish, or null. Asked after every instant of a drain run. */
  stalled(): string | null;
}

const KINDS_PER_CLASS = 16;

export class Kernel implements Clock {
  now = 0;
  events = 0;
  finished = false;
  /** Set when the run cannot go on (a drain that can never finish, a sample limit). */
  failure: string | null = null;
  endS = 0;

  readonly queue = new EventQueue(4096);
  private readonly handlers: (EventHandler | undefined)[] = [];
  private arrivals: ArrivalStream = { nextS: Infinity, deliverAt: () => 0 };
  private hooks: InstantHooks = { beforeInstant() {}, afterEvents() {}, finish() {} };
  private drain: DrainProbe | null = null;

  /** `horizonS` = Infinity for `horizon: drain`. */
  constructor(readonly horizonS: number) {}

  /** Register the handler of events of one (class, kind). Registering a pair twice throws. */
  on(cls: EventClass, kind: number, handler: EventHandler): void {
    if (!(kind >= 0 && kind < KINDS_PER_CLASS)) throw new Error(`kernel invariant: event kind must be in 0..${KINDS_PER_CLASS - 1} (got ${kind})`);
    const slot = cls * KINDS_PER_CLASS + kind;
    if (this.handlers[slot]) throw new Error(`kernel invariant: class ${cls} kind ${kind} has a handler already`);
    this.handlers[slot] = handler;
  }

  connect(parts: { arrivals?: ArrivalStream; hooks?: InstantHooks; drain?: DrainProbe | null }): void {
    if (parts.arrivals) this.arrivals = parts.arrivals;
    if (parts.hooks) this.hooks = parts.hooks;
    if (parts.drain !== undefined) this.drain = parts.drain;
  }

  /** Schedule an event at time t (≥ now). */
  schedule(t: number, cls: EventClass, kind: number, payload: number, tag = 0): void {
    if (!(t >= this.now)) throw inThePast(t, this.now);
    this.queue.push(t, cls, kind, payload, tag);
  }

  /** Stop the run with a message (a scenario problem, reported as bad input by the hosts). */
  fail(message: string): void {
    this.failure ??= message;
  }

  /**
   * Process whole instants until at least `maxEvents` events have been handled or the run
   * ends. Returns true when the run is finished.
   */
  runFor(maxEvents: number): boolean {
    const q = this.queue;
    const arrivals = this.arrivals;
    const hooks = this.hooks;
    const horizon = this.horizonS;
    const stopAt = this.events + maxEvents;
    while (!this.finished && this.events < stopAt) {
      const th = q.peekTime();
      const ta = arrivals.nextS;
      const t = th < ta ? th : ta;
      if (t >= horizon || t === Infinity) {
        this.end(Number.isFinite(horizon) ? horizon : this.now);
        break;
      }
      hooks.beforeInstant(t);
      if (this.failure !== null) {
        this.end(this.now);
        break;
      }
      this.now = t;
      while (q.size > 0 && q.peekTime() === t && q.peekClass() < EventClass.Arrival) this.dispatch();
      if (ta === t) this.events += arrivals.deliverAt(t);
      while (q.size > 0 && q.peekTime() === t) this.dispatch();
      hooks.afterEvents();
      const drain = this.drain;
      if (drain !== null && (drain.done() || this.stalled(drain))) {
        this.end(this.now);
        break;
      }
    }
    return this.finished;
  }

  /** Run to the end in one go. */
  run(): void {
    while (!this.runFor(1 << 20));
  }

  /** Ask the probe whether the drain can never finish; if so, fail with its reason. */
  private stalled(drain: DrainProbe): boolean {
    const why = drain.stalled();
    if (why === null) return false;
    this.fail(why);
    return true;
  }

  private dispatch(): void {
    const q = this.queue;
    q.pop();
    this.events++;
    const h = this.handlers[q.poppedClass * KINDS_PER_CLASS + q.poppedKind];
    if (h === undefined) throw noHandler(q.poppedClass, q.poppedKind);
    h.onEvent(q.poppedKind, q.poppedPayload, q.poppedTag);
  }

  private end(endS: number): void {
    this.endS = endS;
    this.hooks.finish(endS);
    this.now = endS;
    this.finished = true;
  }
}

// Out of line, so the loop's methods stay small enough to inline (see state.ts).
function inThePast(t: number, now: number): Error {
  return new Error(`kernel invariant: an event must not be scheduled in the past (${t} < ${now})`);
}
function noHandler(cls: number, kind: number): Error {
  return new Error(`kernel invariant: no handler for event class ${cls} kind ${kind}`);
}
