/**
 * The duplicate check of a reader: which (query_id, model) pairs were kept. Queries are numbered
 * in order of first sight; per query, its id (the first string seen, shared by all its records, so
 * a million records hold one copy per query) and a bit mask of the models that answered it (a Set
 * past 31 models). It builds no per-record key strings and no object per query.
 */
export class QueryModelPairs {
  private readonly numbers = new Map<string, number>();
  /** Per query number: its id. */
  readonly ids: string[] = [];
  /** Per query number: models 0–30 that answered it, as bits. */
  private readonly masks: number[] = [];
  /** Per query number: models from 31 on that answered it (rare: logs with more than 31 models). */
  private readonly more = new Map<number, Set<number>>();
  private readonly models = new Map<string, number>();

  /** The number of `model` (0, 1, 2... in order of first sight). */
  modelNumber(model: string): number {
    let m = this.models.get(model);
    if (m === undefined) this.models.set(model, (m = this.models.size));
    return m;
  }

  /** The number of a query id seen before, or -1. */
  find(id: string): number {
    return this.numbers.get(id) ?? -1;
  }

  /** Numbers a query id not seen before. */
  create(id: string): number {
    const q = this.ids.length;
    this.numbers.set(id, q);
    this.ids.push(id);
    this.masks.push(0);
    return q;
  }

  /** Whether model number `m` answered query number `q`. */
  has(q: number, m: number): boolean {
    return m < 31 ? (this.masks[q] & (1 << m)) !== 0 : this.more.get(q)?.has(m) === true;
  }

  /** Notes that model number `m` answered query number `q`. */
  mark(q: number, m: number): void {
    if (m < 31) this.masks[q] |= 1 << m;
    else {
      let set = this.more.get(q);
      if (set === undefined) this.more.set(q, (set = new Set()));
      set.add(m);
    }
  }
}
