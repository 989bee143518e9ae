/**
 * Retrieval that survives a failing embedding model: the repository matches queries by embeddings
 * until the embedding model fails (after its retries), then by shared words (TF-IDF) over the same
 * entries for the rest of the run, and says so once. The budget's stop and a cancel pass through.
 */
import { LlmError } from '../llm/llmError';
import {
  StrategyRepository,
  type RetrievedStrategy,
  type StrategyEntry,
  type StrategyStore,
} from './strategyRepository';

/** Whether an error is the embedding model failing (not a cancel, a budget stop or a bug). */
const embeddingFailed = (e: unknown, signal?: AbortSignal): e is LlmError =>
  e instanceof LlmError && e.kind !== 'aborted' && !signal?.aborted;

export class FallbackStrategyStore implements StrategyStore {
  private constructor(
    private inner: StrategyStore,
    private readonly onFallback: (message: string) => void | Promise<void>,
    private failed: boolean,
  ) {}

  /**
   * The repository over `entries`: opened by `open` (embedding them), or by words when `open`
   * fails with the embedding model or `fallenBack` says an earlier run of this journal had fallen back.
   */
  static async open(
    entries: readonly StrategyEntry[],
    open: () => Promise<StrategyStore>,
    onFallback: (message: string) => void | Promise<void>,
    fallenBack: boolean,
    signal?: AbortSignal,
  ): Promise<FallbackStrategyStore> {
    if (fallenBack) return new FallbackStrategyStore(new StrategyRepository(entries), onFallback, true);
    try {
      return new FallbackStrategyStore(await open(), onFallback, false);
    } catch (e) {
      if (!embeddingFailed(e, signal)) throw e;
      const store = new FallbackStrategyStore(new StrategyRepository(entries), onFallback, true);
      await onFallback(e.message);
      return store;
    }
  }

  /** Whether queries are matched by words because the embedding model failed. */
  get fellBack(): boolean {
    return this.failed;
  }

  get size(): number {
    return this.inner.size;
  }

  get entries(): StrategyEntry[] {
    return this.inner.entries;
  }

  async add(entry: StrategyEntry, signal?: AbortSignal): Promise<void> {
    try {
      await this.inner.add(entry, signal);
    } catch (e) {
      if (this.failed || !embeddingFailed(e, signal)) throw e;
      await this.fallBack(e);
      await this.inner.add(entry, signal);
    }
  }

  async retrieve(query: string, k: number, signal?: AbortSignal): Promise<RetrievedStrategy[]> {
    try {
      return await this.inner.retrieve(query, k, signal);
    } catch (e) {
      if (this.failed || !embeddingFailed(e, signal)) throw e;
      await this.fallBack(e);
      return this.inner.retrieve(query, k, signal);
    }
  }

  private async fallBack(e: LlmError): Promise<void> {
    this.inner = new StrategyRepository(this.inner.entries);
    this.failed = true;
    await this.onFallback(e.message);
  }
}
