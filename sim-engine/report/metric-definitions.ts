/**
 * What each summary metric means (DESIGN.md §4), in one place: the app's KPI table shows these
 * in its ⓘ popovers (through METRIC_ROWS), and the README's metric table must say the same —
 * test/run/metric-definitions.test.ts compares them key by key. Plain text with Markdown code
 * spans in backticks; no `|` (they are cells of a Markdown table).
 */
import type { SummaryKey } from '../metrics/types.js';

const WAIT = 'queueing delay (start − submit) of the jobs submitted in the window, a job still queued at the horizon counting with its wait so far (horizon − submit)';
const rank = (p: string) => `nearest-rank: the ⌈${p}·n⌉-th smallest wait`;

export const METRIC_DEFINITIONS: Readonly<Record<SummaryKey, string>> = {
  costUsd: 'Σ over nodes of billed hours × node-hour price',
  acceleratorHoursBilled: 'Σ billed node-hours × accelerators per node',
  acceleratorHoursBusy: 'Σ over running jobs of accelerators requested (`k`) × hours running; accelerators a gang job holds beyond `k` count as idle',
  utilization: '`acceleratorHoursBusy / acceleratorHoursBilled`: the share of the billed accelerator-hours that ran jobs',
  waitMeanS: `mean ${WAIT}, so an undersized fleet cannot hide its worst waits`,
  waitP50S: `median ${WAIT}; ${rank('0.5')}`,
  waitP95S: `95th-percentile ${WAIT}; ${rank('0.95')}`,
  waitP99S: `99th-percentile ${WAIT}; ${rank('0.99')}`,
  jobsQueuedAtEnd: 'jobs still waiting at the horizon (part of `jobsUnfinished`)',
  jobsSubmitted: 'jobs submitted in the window; submitted = completed + unfinished + rejected',
  jobsCompleted: 'jobs submitted in the window that finished by the horizon',
  jobsUnfinished: 'jobs submitted in the window still queued or running at the horizon',
  jobsRejected: 'jobs submitted in the window that can never fit the fleet (no pool can hold them); they do not count in waits',
  shortfallHours: 'exact measure of the union of the times at which some queued job has waited longer than `slo.maxQueueWait` (for each job, [submit + maxQueueWait, start or horizon)), within the window',
  availability: '`1 − shortfallHours / windowHours`: the share of the window in which no queued job had waited longer than `slo.maxQueueWait`; a policy meets the SLO when it reaches `slo.availabilityTarget` (default 0.95). With no SLO set (no `slo.maxQueueWait`), `shortfallHours` and `availability` are `null` (`—` in tables) — never a flattering 100%',
  costPerBusyAcceleratorHour: '`costUsd / acceleratorHoursBusy`: what an hour of accelerator work on jobs costs, idle capacity included',
  preemptions: 'spot nodes preempted (at the preemption, not the end of its notice)',
  jobsPreempted: 'running jobs killed by the scheduler (and, later, a serving replica) to make room; a priority scheduler is the first to use it',
  nodeFailures: 'node failures',
  jobRestarts: 'kills of running jobs that requeued them, by any cause (failures, preemptions, schedulers)',
  acceleratorHoursLost: 'Σ over kills in the window of `k` × hours run since the job\'s last checkpoint (the whole run without checkpoints), the part inside the window',
  energyKwh: 'accelerator energy: busy accelerators at the catalog `powerW`, the idle accelerators of ready nodes at `idlePowerW` (nodes provisioning or in repair draw nothing)',
  energyCostUsd: '`energyKwh × pue × usdPerKwh` with scenario `energy`; `null` when energy is not priced. Not part of `costUsd`: an owned pool\'s `opexUsdPerNodeHour` may already include power',
};

/** A definition as text and code runs (the Markdown code spans), for a renderer that styles code. */
export function definitionParts(text: string): { code: boolean; text: string }[] {
  return text.split('`').map((t, i) => ({ code: i % 2 === 1, text: t })).filter((p) => p.text !== '');
}
