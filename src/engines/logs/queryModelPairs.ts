import { flatCopy } from './flatCopy';

/** One distinct query_id: its shared id string, its index in order of first sight, and the models that answered it. */
export interface QueryEntry {
  id: string;
  index: number;
  /** Models seen, as a bit mask over model numbers below 31 (a Set holds the others). */
  mask: number;
  more: Set<number> | null;
}

/**
 * The duplicate check of a reader: which (query_id, model) pairs were kept. One entry per distinct
 * query_id (so a million records share one id string per query) and a bit mask of models; it builds
 * no per-record key strings.
 */
export class QueryModelPairs {
  private readonly queries = new Map<string, QueryEntry>();
  private readonly models = new Map<string, number>();

  /** The number of `model` (0, 1, 2... in order of first sight). */
  modelNumber(model: string): number {
    let m = this.models.get(model);
    if (m === undefined) this.models.set(flatCopy(model), (m = this.models.size));
    return m;
  }

  /** The entry of a query id seen before, or undefined. */
  find(id: string): QueryEntry | undefined {
    return this.queries.get(id);
  }

  /** A new entry for a query id not seen before (its id is a copy of `id`, see flatCopy). */
  create(id: string): QueryEntry {
    const own = flatCopy(id);
    const q: QueryEntry = { id: own, index: this.queries.size, mask: 0, more: null };
    this.queries.set(own, q);
    return q;
  }

  /** Whether model number `m` answered query `q`. */
  has(q: QueryEntry, m: number): boolean {
    return m < 31 ? (q.mask & (1 << m)) !== 0 : q.more?.has(m) === true;
  }

  /** Notes that model number `m` answered query `q`. */
  mark(q: QueryEntry, m: number): void {
    if (m < 31) q.mask |= 1 << m;
    else (q.more ??= new Set()).add(m);
  }
}
