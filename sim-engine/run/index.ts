/**
 * The run layer (DESIGN.md §10 `run/`): the one run-in-slices loop, trace loading for a
 * scenario, replications and results.json. Pure engine: the host (clock, yielding, file
 * reading, hashing) is injected; `cli/` and `worker/` are hosts.
 */
export { DEFAULT_SLICE_EVENTS, DEFAULT_YIELD_EVERY_MS, RunCancelled, RunFailed, RunTooLarge, runPolicy, runPolicyYielding, runToEnd, runToEndYielding, type CancelSignal, type RunHost, type RunOptions, type RunProgress, type RunSlot } from './slices.js';
export { aggregateReplications, replicationSeed, resultRun, type ResultRun } from './replications.js';
export { loadSpotHistories, loadTraces, type SpotHistoriesLoaded, type SpotHistoryRead, type LoadedTraces, type LoadTraceOptions, type TraceFailure, type TraceRead, type TraceReader, type TraceRowIssues } from './traces.js';
export { runScenario, type ScenarioPlan, type ScenarioResults } from './scenario.js';
export { buildSources, collect, createSimulation, type PreparedTraces } from './simulation.js';
