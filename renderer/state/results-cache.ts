/**
 * Run results by run id, outside the immer store (immer cannot draft typed arrays,
 * and freezing megabytes of series would cost more than the run). Keeps the last few.
 */
import type { RunBundle } from '../../sim-engine/worker/types';

export class ResultsCache {
  private bundles = new Map<string, RunBundle>();
  constructor(private readonly keep = 3) {}

  set(runId: string, bundle: RunBundle): void {
    this.bundles.delete(runId);
    this.bundles.set(runId, bundle);
    while (this.bundles.size > this.keep) {
      const oldest = this.bundles.keys().next().value as string;
      this.bundles.delete(oldest);
    }
  }

  get(runId: string | null | undefined): RunBundle | undefined {
    return runId ? this.bundles.get(runId) : undefined;
  }
}
