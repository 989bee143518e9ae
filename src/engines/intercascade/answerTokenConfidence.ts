import type { TokenLogprob } from '../llm/chatCompletion';

/**
 * The confidence of Inter-Cascade's experiments (§4: "the normalized token probability"): the
 * geometric mean of the probabilities of the tokens that spell the answer, exp(mean log-prob).
 * The reply is our JSON object (answerPrompt.ts), so only the tokens overlapping the value of
 * `"answer"` count, not the format's near-certain braces and keys nor the stated confidence.
 * Returns null when the tokens do not contain an `"answer"` value.
 */
export function answerTokenConfidence(tokens: readonly TokenLogprob[]): number | null {
  const text = tokens.map((t) => t.token).join('');
  const span = answerValueSpan(text);
  if (span === null) return null;
  let sum = 0;
  let count = 0;
  let offset = 0;
  for (const t of tokens) {
    const end = offset + t.token.length;
    if (end > span.start && offset < span.end) {
      sum += t.logprob;
      count++;
    }
    offset = end;
  }
  return count === 0 ? null : Math.exp(sum / count);
}

/** Character range of the `"answer"` value in a JSON reply: inside the quotes for a string, the digits for a number. */
export function answerValueSpan(text: string): { start: number; end: number } | null {
  const key = /"answer"\s*:\s*/.exec(text);
  if (!key) return null;
  const start = key.index + key[0].length;
  if (text[start] === '"') {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i > start + 1 ? { start: start + 1, end: i } : null;
    }
    return null;
  }
  const num = /^-?\d[\d.eE+-]*/.exec(text.slice(start));
  return num ? { start, end: start + num[0].length } : null;
}
