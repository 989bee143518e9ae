import { termFeatures, weightedCosine, type SparseVector } from './textEmbedding';

/** One strategy written by a stronger model after it resolved a query (Inter-Cascade §2.2). */
export interface StrategyEntry {
  queryId: string;
  query: string;
  answer: string;
  strategy: string;
  /** The confidence the writing model reported with its answer. */
  confidence: number;
}

export interface RetrievedStrategy {
  entry: StrategyEntry;
  /** Cosine similarity of the two queries' vectors (TF-IDF, or embeddings), in (0, 1]. */
  similarity: number;
}

/** A strategy repository with its matching function: word-based (StrategyRepository) or by embeddings (EmbeddingRepository). */
export interface StrategyStore {
  readonly size: number;
  readonly entries: StrategyEntry[];
  add(entry: StrategyEntry, signal?: AbortSignal): void | Promise<void>;
  /** The k stored strategies whose queries are most similar to `query`, most similar first. */
  retrieve(query: string, k: number, signal?: AbortSignal): RetrievedStrategy[] | Promise<RetrievedStrategy[]>;
}

/**
 * The strategy repository and its matching function (Inter-Cascade §2.2, eq. 6): entries are kept in
 * insertion order; `retrieve` ranks them by cosine similarity of their queries to the new query
 * and returns the top k (ties: the older entry first). Similarity uses hashed word uni/bigrams
 * weighted by a smoothed inverse document frequency over the repository's own queries,
 * idf(f) = 1 + ln((N + 1) / (df(f) + 1)), so words every stored query shares count for little.
 * Exact search: each retrieval costs time linear in the stored features, which is fine for the
 * thousands of entries a session produces (the paper uses FAISS for millions).
 */
export class StrategyRepository implements StrategyStore {
  private readonly items: { entry: StrategyEntry; features: SparseVector }[] = [];
  private readonly docFreq = new Map<number, number>();

  constructor(entries: readonly StrategyEntry[] = []) {
    for (const e of entries) this.add(e);
  }

  get size(): number {
    return this.items.length;
  }

  get entries(): StrategyEntry[] {
    return this.items.map((i) => i.entry);
  }

  add(entry: StrategyEntry): void {
    const features = termFeatures(entry.query);
    for (const f of features.keys()) this.docFreq.set(f, (this.docFreq.get(f) ?? 0) + 1);
    this.items.push({ entry, features });
  }

  /** The k stored strategies whose queries are most similar to `query` (entries with similarity 0 are left out). */
  retrieve(query: string, k: number): RetrievedStrategy[] {
    if (k <= 0 || this.items.length === 0) return [];
    const q = termFeatures(query);
    const n = this.items.length;
    const idf = (f: number) => 1 + Math.log((n + 1) / ((this.docFreq.get(f) ?? 0) + 1));
    return this.items
      .map((it, i) => ({ i, entry: it.entry, similarity: weightedCosine(q, it.features, idf) }))
      .filter((r) => r.similarity > 0)
      .sort((a, b) => b.similarity - a.similarity || a.i - b.i)
      .slice(0, k)
      .map(({ entry, similarity }) => ({ entry, similarity: Math.min(1, similarity) }));
  }
}
