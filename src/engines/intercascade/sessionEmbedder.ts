import type { HttpFetch } from '../llm/openAiRequest';
import type { RetryPolicy } from '../llm/retry';
import type { ModelPrice } from '../logs/types';
import { estimateTextTokens } from './costEstimate';
import { cachingEmbedder, endpointEmbedder, type Embedder } from './embeddingRepository';
import { decodeVector, encodeVector, type EmbeddingSpend } from './journalRecords';
import type { SpendMeter } from './sessionGuards';

type FreshSpend = EmbeddingSpend &
  Required<Pick<EmbeddingSpend, 'embeddings' | 'embedding_requests' | 'embedding_tokens'>>;
const nothingFresh = (): FreshSpend => ({ embeddings: [], embedding_requests: 0, embedding_tokens: 0 });

export interface SessionEmbedderOptions {
  endpoint: string;
  apiKey?: string;
  timeoutMs: number;
  fetchImpl: HttpFetch;
  retry: RetryPolicy;
  /** The embedding model, or null (word-based matching: no embedder). */
  model: string | null;
  price: ModelPrice | null;
  meter: SpendMeter;
  /** What the journal already holds: its vectors are reused, its spending counted. */
  journaled: readonly EmbeddingSpend[];
}

/**
 * The session's embedder: vectors the journal already holds are reused, every request is checked
 * against the budget before it is sent and charged after (its reported prompt tokens, else the
 * characters / 4 estimate; at the input price when there is one), and new vectors and spending wait
 * in `takeFresh()` for the next journal record.
 */
export function sessionEmbedder(o: SessionEmbedderOptions): {
  embed: Embedder | null;
  takeFresh: () => EmbeddingSpend;
} {
  const vectors = new Map<string, Float64Array>();
  for (const s of o.journaled) {
    for (const [t, b64] of s.embeddings ?? []) vectors.set(t, decodeVector(b64));
    o.meter.addEmbedding(s.embedding_requests ?? 0, s.embedding_tokens ?? 0, s.embedding_cost_usd ?? null);
  }
  let fresh = nothingFresh();
  const takeFresh = (): EmbeddingSpend => {
    if (fresh.embedding_requests === 0) return {};
    const out = fresh;
    fresh = nothingFresh();
    return out;
  };
  if (o.model === null) return { embed: null, takeFresh };
  const { price, meter } = o;
  const usdOf = (tokens: number) => (price ? (tokens * price.inputPerMillion) / 1e6 : null);
  let reported: number | null = null;
  const inner = endpointEmbedder({
    endpoint: o.endpoint,
    model: o.model,
    apiKey: o.apiKey,
    timeoutMs: o.timeoutMs,
    fetchImpl: o.fetchImpl,
    retry: o.retry,
    onUsage: (t) => (reported = t),
  });
  const charged: Embedder = async (texts, signal) => {
    const est = texts.reduce((n, t) => n + estimateTextTokens(t.length), 0);
    meter.checkBefore({ tokens: est, usd: usdOf(est) }, `embedding ${texts.length} text(s)`);
    reported = null;
    const out = await inner(texts, signal);
    const tokens = reported ?? est;
    const usd = usdOf(tokens);
    meter.addEmbedding(1, tokens, usd);
    fresh.embedding_requests++;
    fresh.embedding_tokens += tokens;
    if (usd !== null) fresh.embedding_cost_usd = (fresh.embedding_cost_usd ?? 0) + usd;
    return out;
  };
  return { embed: cachingEmbedder(charged, vectors, (t, v) => fresh.embeddings.push([t, encodeVector(v)])), takeFresh };
}
