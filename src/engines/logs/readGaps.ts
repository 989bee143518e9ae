/** What a reader counted of the fields its kept records lack. */
export interface ReadGaps {
  records: number;
  /** Records without logprob and confidence, and the line of the first. */
  noSignal: number;
  firstNoSignal: number;
  /** Records without a cost (neither cost_usd nor priced tokens), and the line of the first. */
  noCost: number;
  firstNoCost: number;
  anyLatency: boolean;
  anyTokens: boolean;
  /** Per model (in order of first record): records with tokens but no price. */
  unpriced: ReadonlyMap<string, number>;
}

/**
 * The warnings every reader gives about missing fields (unpriced models, records without a
 * confidence signal or a cost), in that order, and the fields no record had, added to `missing`.
 */
export function noteGaps(g: ReadGaps, warn: (line: number | null, reason: string) => void, missing: Set<string>): void {
  for (const [model, n] of g.unpriced)
    warn(
      null,
      `model "${model}": ${n} record(s) have token counts but no price (not in your price table, nor in the bundled price database): their cost is unknown; add the model to costRiskLab.prices or --prices`,
    );
  const n = g.records;
  if (n > 0 && g.noSignal === n) missing.add('confidence');
  else if (g.noSignal)
    warn(
      g.firstNoSignal,
      `${g.noSignal} record(s) have neither "logprob" nor "confidence" (first on line ${g.firstNoSignal}): they count for accuracy and cost, not for threshold tuning`,
    );
  if (n > 0 && g.noCost === n) missing.add('cost_usd');
  if (n > 0 && !g.anyLatency) missing.add('latency_s');
  if (n > 0 && !g.anyTokens) missing.add('input_tokens').add('output_tokens');
  else if (g.noCost)
    warn(
      g.firstNoCost,
      `${g.noCost} record(s) have no "cost_usd" and no priced tokens (first on line ${g.firstNoCost})`,
    );
}
