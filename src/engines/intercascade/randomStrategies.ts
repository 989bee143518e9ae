/**
 * The paper's control for similarity-based retrieval (Inter-Cascade §3.2, "Inter-Cascade with
 * Random Strategies"): the same number of strategies, drawn at random from the repository instead
 * of chosen by similarity. The draw is seeded by the query id, so a resumed run draws the same.
 */
import { sha256 } from '../../shared/text/sha256';
import { Rng } from '../numeric/rng';
import type { RetrievedStrategy, StrategyEntry } from './strategyRepository';

/** A 32-bit seed from the query id. */
function seedOf(queryId: string): number {
  return new DataView(sha256(`random-strategies\u0000${queryId}`).buffer).getUint32(0, true);
}

/**
 * min(k, size) distinct entries drawn uniformly at random (a partial Fisher–Yates shuffle), in the
 * order drawn; their similarity is reported as 0 (not measured).
 */
export function randomStrategies(entries: readonly StrategyEntry[], k: number, queryId: string): RetrievedStrategy[] {
  const n = Math.min(Math.max(0, Math.floor(k)), entries.length);
  if (n === 0) return [];
  const rng = new Rng(seedOf(queryId));
  const idx = entries.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(idx.length - i);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, n).map((i) => ({ entry: entries[i], similarity: 0 }));
}
