/** Maps strings to dense ids, in order of first appearance (tenants, accelerator types, models). */
export class Interner {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();

  id(s: string): number {
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.map.set(s, i);
    }
    return i;
  }

  get size(): number {
    return this.values.length;
  }
}
