import type { Rng } from '../core/rng.js';
import type { JobTable } from '../traces/types.js';
import type { JobSource } from './source.js';

/**
 * Replays a job table (already shifted to t = 0 and sorted by submit time).
 * `loadScale` thins or replicates arrivals deterministically: each record is
 * submitted ⌊s⌋ times plus once more with probability s − ⌊s⌋ (substream `loadScale`).
 */
export function createTableSource(table: JobTable, loadScale: number, rng: Rng, label: string, priority = 0): JobSource {
  const whole = Math.floor(loadScale);
  const frac = loadScale - whole;
  const coin = rng.fork('loadScale');
  let row = -1;
  /** Whether the table carries requested runtimes or priorities (most do not: skip them per row). */
  const extras = table.requestedS !== undefined || table.priority !== undefined;
  let copiesLeft = 0;
  const source: JobSource = {
    label,
    submitS: 0,
    durationS: 0,
    accelerators: 1,
    acceleratorType: -1,
    acceleratorTypes: table.acceleratorTypes ?? [],
    tenant: -1,
    tenants: table.tenants ?? [],
    recordedWaitS: NaN,
    requestedS: NaN,
    priority,
    sizeHint: Math.ceil(table.length * loadScale),
    progress: () => (table.length === 0 ? 1 : Math.max(0, row) / table.length),
    next(): boolean {
      while (copiesLeft === 0) {
        row++;
        if (row >= table.length) return false;
        copiesLeft = whole + (frac > 0 && coin.uniform() < frac ? 1 : 0);
      }
      copiesLeft--;
      source.submitS = table.submitS[row]!;
      source.durationS = table.durationS[row]!;
      source.accelerators = Math.max(1, table.accelerators[row]!);
      source.recordedWaitS = table.recordedWaitS ? table.recordedWaitS[row]! : NaN;
      if (extras) {
        if (table.requestedS) source.requestedS = table.requestedS[row]!;
        if (table.priority) source.priority = table.priority[row]!;
      }
      const ti = table.tenant ? table.tenant[row]! : -1;
      source.tenant = ti < source.tenants.length ? ti : -1;
      const ai = table.acceleratorType ? table.acceleratorType[row]! : -1;
      source.acceleratorType = ai < source.acceleratorTypes.length ? ai : -1;
      return true;
    },
  };
  return source;
}
