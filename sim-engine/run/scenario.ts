/**
 * Running a scenario's policies — each `replications` times with seeds derived from the
 * scenario seed — all over the same workload (common random numbers: the workload streams
 * do not depend on the policy), and assembling the whole results.json (DESIGN.md §6). The
 * CLI, the app's worker and the bench all run scenarios through here, so the same scenario,
 * seed and replications give the same bytes everywhere.
 */
import type { ResultsJson, RunResult } from '../metrics/types.js';
import type { PreparedTraces } from './simulation.js';
import type { Scenario } from '../scenario/schema.js';
import { FLEETLAB_VERSION } from '../version.js';
import { JOBS_HEADER, jobsCsvChunks } from '../report/files.js';
import { replicationSeed, resultRun } from './replications.js';
import { runPolicyYielding, type RunHost, type RunOptions } from './slices.js';

export interface ScenarioPlan {
  scenario: Scenario;
  /** SHA-256 of the scenario file's raw bytes (the host hashes them). */
  scenarioSha256: string;
  /** The base seed (the scenario's, or an override); replication r runs with `replicationSeed(seed, r)`. */
  seed: number;
  /** Scenario indexes of the policies to run, in the order to run and report them (default: all, in scenario order). */
  policyIndexes?: readonly number[];
  /** Runs per policy (default 1). */
  replications?: number;
  /** The prepared traces (`loadTraces`): tables by workload index, and the results.traces entries. */
  traces: { tables: PreparedTraces; entries: ResultsJson['traces'] };
  /**
   * Where jobs.csv goes, in chunks, as the runs go (the host writes it to a temporary file): the
   * header, then each policy's first replication — streamed as its jobs end when the run streams
   * its outcomes, written after the run otherwise. The bytes are the same either way.
   */
  jobsCsv?: (chunk: string) => void;
  /** Overrides the scenario's `exactPercentilesUpTo` (`--exact-percentiles-up-to`). */
  exactPercentilesUpTo?: number;
  /** Stream outcomes regardless of the job count (tests); default: above `exactPercentilesUpTo`. */
  streamOutcomes?: boolean;
  /** Rows a streamed run's job ring starts with (tests). */
  ringSlots?: number;
  /**
   * Called with each policy's first replication as soon as it is done (in `results.runs` order):
   * the CLI writes its series.csv and decisions.csv rows then, so with `keepRuns: false` memory
   * does not grow with the number of policies.
   */
  onRun?: (run: RunResult) => void;
  /** Keep every policy's first replication for `ScenarioResults.runs` (default true; the app's charts read them). */
  keepRuns?: boolean;
}

export interface ScenarioResults {
  results: ResultsJson;
  /** The first replication of each policy, in `results.runs` order (what series.csv and jobs.csv hold); empty with `keepRuns: false`. */
  runs: RunResult[];
}

/** Runs the plan, yielding to `host` between slices. Throws `RunFailed` (bad input) or `RunCancelled`. */
export async function runScenario(plan: ScenarioPlan, host: RunHost, opts: RunOptions = {}): Promise<ScenarioResults> {
  const { scenario, seed } = plan;
  const indexes = plan.policyIndexes ?? scenario.policies.map((_, i) => i);
  const replications = plan.replications ?? 1;
  if (!Number.isInteger(replications) || replications < 1) throw new Error(`run: replications must be a whole number ≥ 1 (got ${replications})`);
  const runs: RunResult[] = [];
  const resultRuns: ResultsJson['runs'] = [];
  const jobsCsv = plan.jobsCsv;
  jobsCsv?.(`${JOBS_HEADER}\n`);
  for (let n = 0; n < indexes.length; n++) {
    // Per replication, what results.json averages (the runs' series and jobs are not kept).
    const reps: Pick<RunResult, 'summary' | 'byPool' | 'commitments' | 'percentiles'>[] = [];
    let first: RunResult | undefined;
    for (let r = 0; r < replications; r++) {
      const slot = { policyIndex: n, policies: indexes.length, replication: r, replications };
      const outcomes = { stream: plan.streamOutcomes ?? 'auto', jobRows: r === 0 ? (jobsCsv ?? null) : null, ...(plan.exactPercentilesUpTo === undefined ? {} : { exactPercentilesUpTo: plan.exactPercentilesUpTo }), ...(plan.ringSlots ? { ringSlots: plan.ringSlots } : {}) } as const;
      const result = await runPolicyYielding(scenario, indexes[n]!, replicationSeed(seed, r), plan.traces.tables, host, { ...opts, outcomes }, slot);
      if (r === 0 && jobsCsv && !result.jobsStreamed) for (const chunk of jobsCsvChunks([result], false)) jobsCsv(chunk);
      reps.push({ summary: result.summary, byPool: result.byPool, commitments: result.commitments, ...(result.percentiles ? { percentiles: result.percentiles } : {}) });
      first ??= result;
    }
    plan.onRun?.(first!);
    if (plan.keepRuns !== false) runs.push(first!);
    resultRuns.push(resultRun(first!, reps));
  }
  // Provenance: fleetlab version, scenario name and SHA-256, seed, traces.
  const results: ResultsJson = {
    fleetlab: FLEETLAB_VERSION,
    scenario: { name: scenario.name, sha256: plan.scenarioSha256 },
    seed,
    traces: plan.traces.entries,
    runs: resultRuns,
  };
  return { results, runs };
}
