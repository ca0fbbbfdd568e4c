/**
 * jobs.csv rows of a streamed run, written as jobs retire (in id order, DESIGN.md §9): the
 * same row text as the in-memory jobs.csv (report/files `jobsCsvRow`), handed to the host in
 * chunks. A rejected job's reason is dropped once its row is written.
 */
import { csvField, jobsCsvRow } from '../report/files.js';
import type { Batch } from './batch.js';
import type { FleetState } from './state.js';

const CHUNK_ROWS = 20_000;

export class JobRowWriter {
  private buf = '';
  private rows = 0;
  private readonly policy: string;
  private readonly pools: string[];

  constructor(
    private readonly sink: (chunk: string) => void,
    policy: string,
    pools: readonly string[],
    private readonly state: FleetState,
    private readonly batch: () => Batch,
  ) {
    this.policy = csvField(policy);
    this.pools = pools.map(csvField);
  }

  row(j: number, endS: number, reasons: Map<number, string>): void {
    const { state } = this;
    const c = state.jobs.c;
    const s = state.slot(j);
    const pool = c.pool[s]!;
    const reason = reasons.get(j);
    if (reason !== undefined) reasons.delete(j);
    const killed = state.requeues.used;
    const batch = this.batch();
    this.buf += jobsCsvRow(this.policy, j, c.submitS[s]!, c.startS[s]!, endS, c.k[s]!, pool >= 0 ? this.pools[pool]! : '', c.state[s]!, reason, killed ? batch.jobRestarts.get(s) : 0, killed ? batch.jobLostS.get(s) : 0);
    if (++this.rows === CHUNK_ROWS) this.flush();
  }

  flush(): void {
    if (this.buf) this.sink(this.buf);
    this.buf = '';
    this.rows = 0;
  }
}
