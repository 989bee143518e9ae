/**
 * A small, dependency-free text embedding for strategy retrieval. The Inter-Cascade paper (§3.2)
 * embeds queries with a sentence transformer (all-MiniLM-L6-v2) and searches them with FAISS; that
 * needs an embedding model (EmbeddingRepository, through the endpoint). Without one, queries become sparse bags of word unigrams and
 * bigrams, hashed into 2^20 buckets (the "hashing trick", Weinberger et al. 2009), weighted
 * 1 + ln(tf) and compared by cosine similarity after IDF weighting (see {@link StrategyRepository}).
 * This matches near-duplicate and same-template queries well (the case the paper's gains come
 * from) but knows nothing about synonyms or paraphrases that share no words.
 */

/** Sparse vector: hashed feature → weight. */
export type SparseVector = Map<number, number>;

const BUCKETS = 1 << 20;

/** Lower-cased letter/digit runs; numbers are kept (they often carry the problem's template). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** 32-bit FNV-1a hash of a string, folded into the bucket range. */
function bucket(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
}

/** Term frequencies of a text's unigrams and bigrams, weighted 1 + ln(count), not normalised. */
export function termFeatures(text: string): SparseVector {
  const tokens = tokenize(text);
  const counts: SparseVector = new Map();
  const add = (term: string) => {
    const b = bucket(term);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  };
  tokens.forEach((t, i) => {
    add(t);
    if (i > 0) add(`${tokens[i - 1]} ${t}`);
  });
  for (const [b, c] of counts) counts.set(b, 1 + Math.log(c));
  return counts;
}

/** Cosine similarity of two sparse vectors after scaling each feature by `weight(feature)`; 0 when either is empty. */
export function weightedCosine(a: SparseVector, b: SparseVector, weight: (feature: number) => number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [f, x] of a) {
    const w = weight(f);
    na += (x * w) ** 2;
    const y = b.get(f);
    if (y !== undefined) dot += x * y * w * w;
  }
  for (const [f, y] of b) nb += (y * weight(f)) ** 2;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
