/**
 * The pre-flight work estimate next to Run all (issue 12): "≈ 6,720 jobs, ≈ 26K events per
 * run · 3 runs · ≈ 3 MB", computed with the engine's own estimate and limits
 * (sim-engine/scenario/work-estimate.ts, preflight.ts) as the app's worker runs it — every
 * job kept, no streaming. A scenario over its limits says so here (the worker refuses it with
 * the same words); a long one is marked before it starts. Traces are counted once run.
 */
import { useMemo } from 'react';
import { limitsOf } from '../../sim-engine/scenario/limits';
import { formatPath } from '../../sim-engine/scenario/loader';
import { parseScenarioData } from '../../sim-engine/scenario/messages';
import { estimateLine, LONG_RUN_EVENTS, refusal } from '../../sim-engine/scenario/preflight';
import { Scenario } from '../../sim-engine/scenario/schema';
import { estimateWork } from '../../sim-engine/scenario/work-estimate';
import type { ScenarioDoc } from '../state/scenario-doc';

export { LONG_RUN_EVENTS };

export function WorkEstimate({ doc, replications }: { doc: ScenarioDoc | null; replications: number }) {
  const shown = useMemo(() => {
    if (!doc) return null;
    const parsed = parseScenarioData(Scenario, doc);
    if (!parsed.ok) return null;
    const e = estimateWork(parsed.data, { replications, stream: 'never' });
    const over = refusal(parsed.data, e, limitsOf(parsed.data.limits));
    return { line: estimateLine(e), over, long: e.eventsTotal > LONG_RUN_EVENTS };
  }, [doc, replications]);
  if (!shown) return null;
  const { line, over, long } = shown;
  const title = over ? `Over the scenario's limits — ${over.path.length ? `${formatPath(over.path)}: ` : ''}${over.message}` : `${line}: ${long ? 'a long run, it may take minutes (Esc cancels it)' : 'the pre-flight estimate of the work this run asks for'}`;
  return (
    <span className={`work-estimate${over ? ' over' : long ? ' long' : ''}`} data-testid="work-estimate" title={title}>
      {over ? `${line} · over limits.${over.limit}` : line}
    </span>
  );
}
