/**
 * The pre-flight check (issue 12): the work estimate against the limits in force, as one
 * problem located at the line of the field that drives it. The CLI prints it as
 * `PATH:LINE:COL: path: message` and exits 2; the app's worker returns it as a
 * ScenarioProblem. Limits are checked in LIMIT_KEYS order and the first one exceeded is
 * reported (a job count over the limit is also an event count over it: one message).
 */
import { formatPath, locateProblems, type ScenarioIssue } from './loader.js';
import { compact, grouped, LIMIT_KEYS, limitsOf, megabytes, raiseHint, span, type LimitKey, type Limits } from './limits.js';
import { show } from './fields.js';
import { valueAt } from './messages.js';
import type { Scenario } from './schema.js';
import { estimateWork, type EstimateOptions, type Part, type WorkEstimate } from './work-estimate.js';

export interface Refusal {
  limit: LimitKey;
  path: (string | number)[];
  message: string;
}

const biggest = (parts: readonly Part[]): Part | undefined => parts.reduce<Part | undefined>((a, p) => (!a || p.amount > a.amount ? p : a), undefined);

/** The field's value as the message quotes it (seconds for durations, as validated). */
function got(scenario: Scenario, path: (string | number)[]): string {
  const v = valueAt(scenario, path);
  return typeof v === 'number' ? String(v) : show(v);
}

/** The first limit the estimate exceeds, or null. */
export function refusal(scenario: Scenario, e: WorkEstimate, limits: Limits): Refusal | null {
  for (const limit of LIMIT_KEYS) {
    const max = limits[limit];
    switch (limit) {
      case 'maxRuns':
        if (e.runs > max) return { limit, path: ['policies'], message: `${grouped(e.runs)} runs (${e.policies} ${e.policies === 1 ? 'policy' : 'policies'} × ${grouped(e.replications)} ${e.replications === 1 ? 'replication' : 'replications'}), over the limit of ${grouped(max)} (limits.maxRuns): run fewer policies or replications, or ${raiseHint(limit, e.runs)} (got ${grouped(e.runs)} runs)` };
        break;
      case 'maxNodes': {
        const run = e.perRun.find((r) => r.nodes === e.nodes);
        const part = run && biggest(run.nodeParts);
        if (run && part && e.nodes > max) return { limit, path: part.path, message: `≈ ${compact(e.nodes)} nodes at the start of policy ${JSON.stringify(run.policy)} (${part.how}), over the limit of ${compact(max)} (limits.maxNodes): lower it, or ${raiseHint(limit, e.nodes)} (got ${got(scenario, part.path)})` };
        break;
      }
      case 'maxJobs': {
        const part = biggest(e.jobParts);
        if (part && e.jobs > max) return { limit, path: part.path, message: `≈ ${compact(e.jobs)} jobs per run (${part.how}), over the limit of ${compact(max)} (limits.maxJobs): lower it, or ${raiseHint(limit, e.jobs)} (got ${got(scenario, part.path)})` };
        break;
      }
      case 'maxSamples':
        if (e.samples > max) return { limit, path: ['sampleEvery'], message: `≈ ${compact(e.samples)} series rows per run (${compact(e.samplesPerPool)} samples over ${span(e.horizonS)} × ${e.samples / Math.max(1, e.samplesPerPool)} rows: the pools and the total), over the limit of ${compact(max)} (limits.maxSamples): sample less often, or ${raiseHint(limit, e.samples)} (got ${got(scenario, ['sampleEvery'])})` };
        break;
      case 'maxEvents': {
        const run = e.perRun.find((r) => r.events === e.events);
        const part = run && biggest(run.eventParts);
        if (run && part && e.events > max) return { limit, path: part.path, message: `≈ ${compact(e.events)} events in the run of policy ${JSON.stringify(run.policy)} (the most: ${compact(part.amount)} from ${part.how}), over the limit of ${compact(max)} (limits.maxEvents): lower it, or ${raiseHint(limit, e.events)} (got ${got(scenario, part.path)})` };
        break;
      }
      case 'maxMemoryMB': {
        const part = biggest(e.memoryParts);
        if (part && e.memoryBytes > max * 2 ** 20) return { limit, path: part.path, message: `≈ ${megabytes(e.memoryBytes)} of memory (the most: ${megabytes(part.amount)} for ${part.how}), over the limit of ${megabytes(max * 2 ** 20)} (limits.maxMemoryMB): make the run smaller, or ${raiseHint(limit, e.memoryBytes)} (got ${got(scenario, part.path)})` };
        break;
      }
    }
  }
  return null;
}

export interface PreflightOptions extends EstimateOptions {
  /** `--force`: estimate, but refuse nothing. */
  force?: boolean;
}

export interface Preflight {
  estimate: WorkEstimate;
  limits: Limits;
  /** The refusal, located in the document (empty when the run may go). */
  issues: ScenarioIssue[];
}

/** Estimate `scenario` (loaded from `text`, shown as `file`) and check it against its limits. */
export function preflight(text: string, file: string, scenario: Scenario, opts: PreflightOptions = {}): Preflight {
  const estimate = estimateWork(scenario, opts);
  const limits = limitsOf(scenario.limits);
  const r = opts.force ? null : refusal(scenario, estimate, limits);
  return { estimate, limits, issues: r ? locateProblems(text, file, [{ path: formatPath(r.path), message: r.message }]) : [] };
}

/** Above this many events over all runs, a run is long (several seconds or more): the app marks it, the CLI says so on stderr. */
export const LONG_RUN_EVENTS = 20_000_000;

/** "≈ 1.2M jobs, ≈ 2.4M events per run · 3 runs · ≈ 180 MB": the estimate in a line (the app, near Run). */
export function estimateLine(e: WorkEstimate): string {
  const runs = `${grouped(e.runs)} ${e.runs === 1 ? 'run' : 'runs'}`;
  const traces = e.tracesPending === 1 ? 'a trace' : `${e.tracesPending} traces`;
  // Only traces, not read yet: nothing to count before the run reads them.
  if (e.tracesPending && e.jobs === 0) return `jobs from ${traces}, counted when the run reads it · ${runs}`.replace('reads it', e.tracesPending === 1 ? 'reads it' : 'reads them');
  const jobs = `≈ ${compact(e.jobs)} jobs${e.tracesPending ? ` (+ ${traces})` : ''}`;
  return `${jobs}, ≈ ${compact(e.events)} events/run · ${runs} · ≈ ${megabytes(e.memoryBytes)}`;
}
