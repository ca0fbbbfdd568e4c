/** Row builders for request tables and node inventories (job tables: `JobBuilder` in csv.ts). */
import { f64Column, i32Column, type PushColumn } from '../core/columns.js';
import { Interner } from '../core/interner.js';
import { catalogIdFor } from './gpu-models.js';
import type { NodeInventory, RequestTable } from './types.js';
import { span } from './util.js';

export class RequestBuilder {
  readonly arrival = f64Column();
  readonly input = f64Column();
  readonly output = f64Column();
  readonly service = f64Column();
  readonly model: PushColumn<Int32Array<ArrayBuffer>> | null;
  readonly models = new Interner();
  constructor(withModel: boolean) { this.model = withModel ? i32Column() : null; }
  get length(): number { return this.arrival.length; }
  add(arrivalS: number, inputTokens: number, outputTokens: number, serviceS: number, model = -1): void {
    this.arrival.push(arrivalS);
    this.input.push(inputTokens);
    this.output.push(outputTokens);
    this.service.push(serviceS);
    if (this.model) this.model.push(model);
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
