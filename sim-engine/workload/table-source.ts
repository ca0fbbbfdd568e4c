import type { Rng } from '../core/rng.js';
import type { RowBatches, StreamedTrace } from '../traces/trace-stream.js';
import type { JobTable } from '../traces/types.js';
import type { JobSource } from './source.js';

/**
 * Replays a job table (already shifted to t = 0 and sorted by submit time).
 * `loadScale` thins or replicates arrivals deterministically: each record is
 * submitted ⌊s⌋ times plus once more with probability s − ⌊s⌋ (substream `loadScale`).
 */
export function createTableSource(table: JobTable, loadScale: number, rng: Rng, label: string, priority = 0): JobSource {
  return createBatchSource({ batch: table, refill: () => false }, table.length, table.tenants ?? [], table.acceleratorTypes ?? [], loadScale, rng, label, priority);
}

/** Replays a streamed trace (`traces/trace-stream.ts`): the same rows as its table would hold, read from the file as the run goes. */
export function createStreamedSource(trace: StreamedTrace, loadScale: number, rng: Rng, label: string, priority = 0): JobSource {
  return createBatchSource(trace.open(), trace.length, trace.tenants, trace.acceleratorTypes, loadScale, rng, label, priority);
}

/**
 * The one replay loop of both: rows in batches (a table is one batch), `total` rows in all,
 * each batch's optional columns as the table's.
 */
function createBatchSource(
  rows: RowBatches,
  total: number,
  tenants: readonly string[],
  acceleratorTypes: readonly string[],
  loadScale: number,
  rng: Rng,
  label: string,
  priority: number,
): JobSource {
  const whole = Math.floor(loadScale);
  const frac = loadScale - whole;
  const coin = rng.fork('loadScale');
  const batch = rows.batch;
  let row = -1;
  /** Rows of the batches before the current one. */
  let before = 0;
  /** Whether the table carries requested runtimes or priorities (most do not: skip them per row). */
  const extras = batch.requestedS !== undefined || batch.priority !== undefined;
  let copiesLeft = 0;
  let ended = false;
  const source: JobSource = {
    label,
    submitS: 0,
    durationS: 0,
    accelerators: 1,
    acceleratorType: -1,
    acceleratorTypes,
    tenant: -1,
    tenants,
    recordedWaitS: NaN,
    requestedS: NaN,
    priority,
    sizeHint: Math.ceil(total * loadScale),
    progress: () => (total === 0 || ended ? 1 : Math.min(total, before + Math.max(0, row)) / total),
    next(): boolean {
      while (copiesLeft === 0) {
        row++;
        if (row >= batch.length) {
          if (ended) return false;
          before += batch.length;
          if (!rows.refill()) {
            ended = true;
            return false;
          }
          row = 0;
        }
        copiesLeft = whole + (frac > 0 && coin.uniform() < frac ? 1 : 0);
      }
      copiesLeft--;
      source.submitS = batch.submitS[row]!;
      source.durationS = batch.durationS[row]!;
      source.accelerators = Math.max(1, batch.accelerators[row]!);
      source.recordedWaitS = batch.recordedWaitS ? batch.recordedWaitS[row]! : NaN;
      if (extras) {
        if (batch.requestedS) source.requestedS = batch.requestedS[row]!;
        if (batch.priority) source.priority = batch.priority[row]!;
      }
      const ti = batch.tenant ? batch.tenant[row]! : -1;
      source.tenant = ti < source.tenants.length ? ti : -1;
      const ai = batch.acceleratorType ? batch.acceleratorType[row]! : -1;
      source.acceleratorType = ai < source.acceleratorTypes.length ? ai : -1;
      return true;
    },
  };
  return source;
}
