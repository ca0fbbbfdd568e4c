/**
 * The one run-in-slices loop (DESIGN.md §10, `run/`): a simulation is driven with
 * `runFor(sliceEvents)` until it finishes. Between slices the loop checks for
 * cancellation and, when the host's clock says it is time, reports progress and hands
 * control back to the host (the CLI's progress bar, the worker's message loop). Slices
 * only split `runFor` calls, so results never depend on the slice size or on the host.
 *
 * The host is injected (`RunHost`): the CLI gives Node's clock and `setImmediate`, the
 * worker `performance.now` and `setTimeout(0)`, tests a fake clock. Without a host
 * (`runToEnd`, `runPolicy`) the loop runs synchronously and reports after every slice.
 */
import type { RunResult } from '../metrics/types.js';
import { collect, createSimulation, type OutcomeChoice, type PreparedTraces } from './simulation.js';
import type { Scenario } from '../scenario/schema.js';
import { memoryStopMessage } from '../scenario/limits.js';
import type { Simulation } from '../sim/simulation.js';

/** What the loop needs from its host. */
export interface RunHost {
  /** Milliseconds, monotonic (the host's wall clock; the engine never reads one itself). */
  now(): number;
  /** Yield to the host event loop (lets progress messages and cancel requests through). */
  yieldNow(): Promise<void>;
}

/** An `AbortSignal`, or anything with its `aborted` flag. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Where a run stands, reported between slices. `policyIndex` counts the policies being run (0-based), not the scenario's. */
export interface RunProgress {
  policyIndex: number;
  policy: string;
  policies: number;
  /** Replication of this policy (0-based), of `replications`. */
  replication: number;
  replications: number;
  /** Overall fraction done, 0..1 (monotone; exactly 1 when the last run ends). */
  fraction: number;
  simTimeS: number;
  events: number;
}

export interface RunOptions {
  /** Events per slice: cancellation is checked after each. Results do not depend on it. */
  sliceEvents?: number;
  /** With a host: report progress and yield when this long (host ms) has passed since the last yield. */
  yieldEveryMs?: number;
  onProgress?: (p: RunProgress) => void;
  /** Polled after every slice; true stops the run with `RunCancelled`. */
  shouldCancel?: () => boolean;
  /** The same, as a signal. */
  signal?: CancelSignal;
  /**
   * The memory guard (issue 12), asked before every slice: the memory in use and the limit
   * when the run has grown past it (the run stops with `RunTooLarge`), else null. The host
   * reads its own memory (the CLI: V8's heap and the resident set); results never depend on it.
   */
  memoryCheck?: () => { usedBytes: number; limitBytes: number } | null;
  /** How the run keeps per-job outcomes (default: stream only above the scenario's exactPercentilesUpTo). */
  outcomes?: OutcomeChoice;
}

export const DEFAULT_SLICE_EVENTS = 20_000;
export const DEFAULT_YIELD_EVERY_MS = 30;

export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'RunCancelled';
  }
}

/** Raised when a run cannot finish (`sim.failure`, e.g. a drain that never ends): a scenario problem, reported as bad input. */
export class RunFailed extends Error {
  constructor(
    message: string,
    /** The policy whose run failed. */
    readonly policy: string,
  ) {
    super(message);
    this.name = 'RunFailed';
  }
}

/** Raised when a run grows past the memory limit (`RunOptions.memoryCheck`): bad input (exit 2), never a crash. */
export class RunTooLarge extends Error {
  constructor(
    message: string,
    readonly policy: string,
  ) {
    super(message);
    this.name = 'RunTooLarge';
  }
}

/** Which run of a plan this is (for progress): policy `policyIndex` of `policies`, replication `replication` of `replications`. */
export interface RunSlot {
  policyIndex: number;
  policies: number;
  replication: number;
  replications: number;
}

const ALONE: RunSlot = { policyIndex: 0, policies: 1, replication: 0, replications: 1 };

function progressOf(sim: Simulation, policy: string, slot: RunSlot, runFraction: number): RunProgress {
  const done = slot.policyIndex * slot.replications + slot.replication;
  return { ...slot, policy, fraction: (done + runFraction) / (slot.policies * slot.replications), simTimeS: sim.now, events: sim.events };
}

const cancelled = (opts: RunOptions): boolean => opts.shouldCancel?.() === true || opts.signal?.aborted === true;

/**
 * The loop itself, as a generator: it pauses (yields) where the host may take over, so the
 * synchronous and the hosted drivers below share every line of it.
 */
function* slices(sim: Simulation, policy: string, slot: RunSlot, opts: RunOptions, clock: (() => number) | null): Generator<void, void, void> {
  const sliceEvents = opts.sliceEvents ?? DEFAULT_SLICE_EVENTS;
  const everyMs = opts.yieldEveryMs ?? DEFAULT_YIELD_EVERY_MS;
  let last = clock ? clock() : 0;
  const overMemory = (): void => {
    const m = opts.memoryCheck?.();
    if (m) throw new RunTooLarge(memoryStopMessage(policy, sim.now, m.usedBytes, m.limitBytes), policy);
  };
  overMemory();
  while (!sim.runFor(sliceEvents)) {
    if (cancelled(opts)) throw new RunCancelled();
    overMemory();
    if (clock && clock() - last <= everyMs) continue;
    opts.onProgress?.(progressOf(sim, policy, slot, sim.progress()));
    yield;
    if (clock) last = clock();
  }
  if (sim.failure) throw new RunFailed(sim.failure, policy);
  opts.onProgress?.(progressOf(sim, policy, slot, 1));
}

/** Drives `sim` to its end synchronously (no host: progress after every slice). Throws `RunCancelled` or `RunFailed`. */
export function runToEnd(sim: Simulation, policy: string, opts: RunOptions = {}, slot: RunSlot = ALONE): void {
  const steps = slices(sim, policy, slot, opts, null);
  while (!steps.next().done) {
    // No host to yield to.
  }
}

/** Drives `sim` to its end, yielding to `host` between slices. Throws `RunCancelled` or `RunFailed`. */
export async function runToEndYielding(sim: Simulation, policy: string, host: RunHost, opts: RunOptions = {}, slot: RunSlot = ALONE): Promise<void> {
  const steps = slices(sim, policy, slot, opts, () => host.now());
  while (!steps.next().done) await host.yieldNow();
}

/** One policy run, synchronously: create, drive to the end, collect. */
export function runPolicy(scenario: Scenario, policyIndex: number, seed: number, traces: PreparedTraces, opts: RunOptions = {}): RunResult {
  const sim = createSimulation(scenario, policyIndex, seed, traces, opts.outcomes);
  runToEnd(sim, policyName(scenario, policyIndex), opts);
  return collect(sim, scenario, policyIndex, seed);
}

/** One policy run with a host: create, drive to the end yielding between slices, collect. */
export async function runPolicyYielding(scenario: Scenario, policyIndex: number, seed: number, traces: PreparedTraces, host: RunHost, opts: RunOptions = {}, slot: RunSlot = ALONE): Promise<RunResult> {
  const sim = createSimulation(scenario, policyIndex, seed, traces, opts.outcomes);
  await runToEndYielding(sim, policyName(scenario, policyIndex), host, opts, slot);
  return collect(sim, scenario, policyIndex, seed);
}

function policyName(scenario: Scenario, policyIndex: number): string {
  const policy = scenario.policies[policyIndex];
  if (!policy) throw new Error(`run: no policy ${policyIndex}`);
  return policy.name;
}
