import { embedTexts } from '../llm/embeddings';
import { LlmError } from '../llm/llmError';
import type { HttpFetch } from '../llm/openAiRequest';
import type { RetryPolicy } from '../llm/retry';
import {
  StrategyRepository,
  type RetrievedStrategy,
  type StrategyEntry,
  type StrategyStore,
} from './strategyRepository';

/** Embeds texts into dense vectors (e.g. {@link embedTexts} bound to an endpoint and model). */
export type Embedder = (texts: readonly string[], signal?: AbortSignal) => Promise<Float64Array[]>;

/** Loaded entries are embedded in requests of at most this many queries. */
const BATCH = 64;

function unit(v: Float64Array): Float64Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return norm > 0 ? v.map((x) => x / norm) : v;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * The strategy repository with the paper's matching (Inter-Cascade §3.2): queries are embedded by a
 * sentence-embedding model (here any model behind an OpenAI-compatible `/embeddings` endpoint) and
 * the k stored queries with the highest cosine similarity are returned (exact search; ties: the
 * older entry first; entries with similarity ≤ 0 are left out). A query is embedded once: the
 * vector used to retrieve for it is reused when its strategy is added.
 */
export class EmbeddingRepository implements StrategyStore {
  private readonly items: { entry: StrategyEntry; vector: Float64Array }[] = [];
  private last: { text: string; vector: Float64Array } | null = null;

  private constructor(private readonly embed: Embedder) {}

  /** A repository holding `entries`, their queries embedded in batches. */
  static async create(
    entries: readonly StrategyEntry[],
    embed: Embedder,
    signal?: AbortSignal,
  ): Promise<EmbeddingRepository> {
    const repo = new EmbeddingRepository(embed);
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      const vectors = await embed(
        batch.map((e) => e.query),
        signal,
      );
      batch.forEach((entry, j) => repo.push(entry, vectors[j]));
    }
    return repo;
  }

  get size(): number {
    return this.items.length;
  }

  get entries(): StrategyEntry[] {
    return this.items.map((i) => i.entry);
  }

  async add(entry: StrategyEntry, signal?: AbortSignal): Promise<void> {
    this.push(entry, await this.vectorOf(entry.query, signal));
  }

  async retrieve(query: string, k: number, signal?: AbortSignal): Promise<RetrievedStrategy[]> {
    if (k <= 0 || this.items.length === 0) return [];
    const q = await this.vectorOf(query, signal);
    return this.items
      .map((it, i) => ({ i, entry: it.entry, similarity: dot(q, it.vector) }))
      .filter((r) => r.similarity > 0)
      .sort((a, b) => b.similarity - a.similarity || a.i - b.i)
      .slice(0, k)
      .map(({ entry, similarity }) => ({ entry, similarity: Math.min(1, similarity) }));
  }

  private push(entry: StrategyEntry, vector: Float64Array): void {
    const dim = this.items[0]?.vector.length;
    if (dim !== undefined && vector.length !== dim)
      throw new LlmError(
        `the embedding of "${entry.query.slice(0, 40)}" has ${vector.length} dimensions, the repository's have ${dim} (was the embedding model changed?)`,
        'reply',
      );
    this.items.push({ entry, vector: unit(vector) });
  }

  private async vectorOf(text: string, signal?: AbortSignal): Promise<Float64Array> {
    if (this.last?.text === text) return this.last.vector;
    const [v] = await this.embed([text], signal);
    const vector = unit(v);
    this.last = { text, vector };
    return vector;
  }
}

/** Where embeddings come from: a model behind an OpenAI-compatible endpoint. */
export interface EmbeddingSource {
  endpoint: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  fetchImpl: HttpFetch;
  retry?: RetryPolicy;
  /** Told each request's reported prompt tokens (null when not reported). */
  onUsage?: (promptTokens: number | null) => void;
}

/** An Embedder over `/embeddings` whose errors name the embedding model. */
export function endpointEmbedder(src: EmbeddingSource): Embedder {
  return async (texts, signal) => {
    try {
      return await embedTexts({ ...src, input: texts, signal });
    } catch (e) {
      if (e instanceof LlmError) throw e.withMessage(`embedding model ${src.model}: ${e.message}`);
      throw e;
    }
  };
}

/**
 * An Embedder that asks `inner` only for texts not in `cache` (one request for all of them) and
 * tells `onFresh` about each new vector: a resumed run re-uses the vectors its journal kept.
 */
export function cachingEmbedder(
  inner: Embedder,
  cache: Map<string, Float64Array>,
  onFresh: (text: string, vector: Float64Array) => void,
): Embedder {
  return async (texts, signal) => {
    const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
    if (missing.length) {
      const vectors = await inner(missing, signal);
      missing.forEach((t, i) => {
        cache.set(t, vectors[i]);
        onFresh(t, vectors[i]);
      });
    }
    return texts.map((t) => cache.get(t) as Float64Array);
  };
}

/** The repository a run starts from: word-based matching, or by embeddings when an embedder is given. */
export async function openStrategyStore(
  entries: readonly StrategyEntry[],
  embed: Embedder | null,
  signal?: AbortSignal,
): Promise<StrategyStore> {
  return embed === null ? new StrategyRepository(entries) : EmbeddingRepository.create(entries, embed, signal);
}
