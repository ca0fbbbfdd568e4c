/** Row builders shared by the importers: job tables, request tables and node inventories. */
import { f64Column, i32Column, type PushColumn } from '../core/columns.js';
import { Interner } from '../core/interner.js';
import { catalogIdFor } from './gpu-models.js';
import type { JobRowSink, JobTable, NodeInventory, RequestTable } from './types.js';
import { rangeProblem, span } from './util.js';

/** Skips the current row with an `out-of-range` issue (its line is the importer's): the message ends with the value. */
export type RowReject = (message: string) => void;

/**
 * Builds a JobTable row by row; shared by the job-trace importers (they validate, it stores).
 * With a `sink` every row also goes to it, and once the sink's `keepRows` is false the columns
 * are dropped and later rows only counted (the record count and submit span stay exact).
 * Values outside the documented ranges (`rangeProblem`, util.ts: times, durations, accelerators)
 * are never stored: `add` hands the row to `reject` and returns false — one check for every importer.
 */
export class JobBuilder {
  submit = f64Column();
  duration = f64Column();
  acc = i32Column();
  tenant: PushColumn<Int32Array<ArrayBuffer>> | null = null;
  accType: PushColumn<Int32Array<ArrayBuffer>> | null = null;
  wait: PushColumn<Float64Array<ArrayBuffer>> | null = null;
  requested: PushColumn<Float64Array<ArrayBuffer>> | null = null;
  priority: PushColumn<Float64Array<ArrayBuffer>> | null = null;
  readonly tenants = new Interner();
  readonly accTypes = new Interner();
  private count = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private readonly sink: JobRowSink | null;
  private dropped = false;

  constructor(opts: { tenant?: boolean; acceleratorType?: boolean; recordedWait?: boolean; requested?: boolean; priority?: boolean }, sink: JobRowSink | undefined, private readonly reject: RowReject) {
    if (opts.tenant) this.tenant = i32Column();
    if (opts.acceleratorType) this.accType = i32Column();
    if (opts.recordedWait) this.wait = f64Column();
    if (opts.requested) this.requested = f64Column();
    if (opts.priority) this.priority = f64Column();
    this.sink = sink ?? null;
    this.sink?.attach(
      { tenant: !!opts.tenant, acceleratorType: !!opts.acceleratorType, recordedWait: !!opts.recordedWait, requested: !!opts.requested, priority: !!opts.priority },
      this.tenants.values,
      this.accTypes.values,
    );
  }

  /** Rows added so far (kept or not). */
  get length(): number { return this.count; }

  add(submitS: number, durationS: number, accelerators: number, tenant = -1, accType = -1, waitS = NaN, requestedS = NaN, priority = 0): boolean {
    const why = rangeProblem(submitS, durationS, accelerators, waitS, requestedS);
    if (why) {
      this.reject(why);
      return false;
    }
    this.count++;
    if (submitS < this.lo) this.lo = submitS;
    if (submitS > this.hi) this.hi = submitS;
    const sink = this.sink;
    if (sink) {
      sink.row(submitS, durationS, accelerators, tenant, accType, waitS, requestedS, priority);
      if (!sink.keepRows) {
        if (!this.dropped) this.drop();
        return true;
      }
    }
    this.submit.push(submitS);
    this.duration.push(durationS);
    this.acc.push(accelerators);
    if (this.tenant) this.tenant.push(tenant);
    if (this.accType) this.accType.push(accType);
    if (this.wait) this.wait.push(waitS);
    if (this.requested) this.requested.push(requestedS);
    if (this.priority) this.priority.push(priority);
    return true;
  }

  /** The importer changed rows it had already added (they are no longer what the sink saw). */
  rewritten(reason: string): void {
    this.sink?.rewritten(reason);
  }

  /** Frees the columns: the sink keeps what it needs of the rows. */
  private drop(): void {
    this.dropped = true;
    this.submit = f64Column();
    this.duration = f64Column();
    this.acc = i32Column();
    if (this.tenant) this.tenant = i32Column();
    if (this.accType) this.accType = i32Column();
    if (this.wait) this.wait = f64Column();
    if (this.requested) this.requested = f64Column();
    if (this.priority) this.priority = f64Column();
  }

  table(): JobTable {
    const t: JobTable = {
      kind: 'jobs',
      length: this.submit.length,
      submitS: this.submit.finish(),
      durationS: this.duration.finish(),
      accelerators: this.acc.finish(),
    };
    if (this.tenant) { t.tenant = this.tenant.finish(); t.tenants = this.tenants.values.slice(); }
    if (this.accType) { t.acceleratorType = this.accType.finish(); t.acceleratorTypes = this.accTypes.values.slice(); }
    if (this.wait) t.recordedWaitS = this.wait.finish();
    if (this.requested) t.requestedS = this.requested.finish();
    if (this.priority) t.priority = this.priority.finish();
    return t;
  }

  /** The table (empty once dropped), the record count and the first and last submit times (null without rows). */
  result(): { table: JobTable; records: number; startS: number | null; endS: number | null } {
    const table = this.table();
    return this.count === 0 ? { table, records: 0, startS: null, endS: null } : { table, records: this.count, startS: this.lo, endS: this.hi };
  }
}

export class RequestBuilder {
  readonly arrival = f64Column();
  readonly input = f64Column();
  readonly output = f64Column();
  readonly service = f64Column();
  readonly model: PushColumn<Int32Array<ArrayBuffer>> | null;
  readonly models = new Interner();
  constructor(withModel: boolean, private readonly reject: RowReject) { this.model = withModel ? i32Column() : null; }
  get length(): number { return this.arrival.length; }
  /** Stores a request, or (a time or service time out of range, `rangeProblem`) rejects it and returns false. */
  add(arrivalS: number, inputTokens: number, outputTokens: number, serviceS: number, model = -1): boolean {
    const why = rangeProblem(arrivalS, serviceS, NaN, NaN, NaN, 'arrival time');
    if (why) {
      this.reject(why);
      return false;
    }
    this.arrival.push(arrivalS);
    this.input.push(inputTokens);
    this.output.push(outputTokens);
    this.service.push(serviceS);
    if (this.model) this.model.push(model);
    return true;
  }
  build(): { table: RequestTable; records: number; startS: number | null; endS: number | null } {
    const table: RequestTable = {
      kind: 'requests',
      length: this.arrival.length,
      arrivalS: this.arrival.finish(),
      inputTokens: this.input.finish(),
      outputTokens: this.output.finish(),
      serviceS: this.service.finish(),
    };
    if (this.model) { table.model = this.model.finish(); table.models = this.models.values.slice(); }
    const [startS, endS] = span(table.arrivalS, table.length);
    return { table, records: table.length, startS, endS };
  }
}

/** Groups nodes by (model, accelerators per node), in order of first appearance. */
export class NodeBuilder {
  private readonly pools = new Map<string, NodeInventory['pools'][number]>();
  count = 0;
  add(model: string, acceleratorsPerNode: number): void {
    const key = `${model}\u0000${acceleratorsPerNode}`;
    let p = this.pools.get(key);
    if (!p) {
      p = { model, catalogId: catalogIdFor(model), nodes: 0, acceleratorsPerNode };
      this.pools.set(key, p);
    }
    p.nodes++;
    this.count++;
  }
  build(): { table: NodeInventory; records: number; startS: null; endS: null } {
    return { table: { kind: 'nodes', pools: [...this.pools.values()] }, records: this.count, startS: null, endS: null };
  }
}
