/**
 * Cost estimates before any call is made. A prompt's tokens are estimated as its characters / 4
 * (rounded up), the usual rule of thumb for English text with OpenAI-style tokenizers; a reply as a
 * fixed allowance: 40 tokens for an answer and confidence, 160 when the strong model also writes a
 * strategy. The prompt is built exactly as the run will build it (instructions, worked examples,
 * question), with k notes of an assumed size (the question's own length plus 300 characters for
 * the earlier answer and method) for the online run, none for calibration. Prices come from the
 * same table as the run's costs. An embedding model, when named, embeds each online query once and
 * the starting repository once (characters / 4, input price).
 */
import { priceTokens } from '../logs/priceResolver';
import type { ModelPrice } from '../logs/types';
import { answerPromptMessages, type PromptRole } from './answerPrompt';
import type { CascadeQuery } from './queriesJsonl';
import type { RetrievedStrategy, StrategyEntry } from './strategyRepository';

export const ESTIMATE_METHOD = 'prompt tokens = characters / 4 of the prompt as sent (instructions, examples, question, k notes of the question\'s length + 300 characters); reply tokens = 40 per answer, 160 when the strong model writes a strategy; lower end: the weak model answers every online query; upper end: both models on every online query; calibration: both models on each calibration query; embeddings: characters / 4 per text';

const OUTPUT_TOKENS: Record<PromptRole, number> = { student: 40, teacher: 160 };
const NOTE_EXTRA_CHARS = 300;

export const estimateTextTokens = (chars: number): number => Math.ceil(chars / 4);

/** One call's estimated tokens and cost (null cost without a price). */
export interface CallEstimate {
  inputTokens: number;
  outputTokens: number;
  usd: number | null;
}

/** The estimate of one answer call with these notes. */
export function estimateAnswerCall(role: PromptRole, question: string, notes: readonly RetrievedStrategy[], price: ModelPrice | null): CallEstimate {
  const chars = answerPromptMessages(role, question, notes).reduce((n, m) => n + m.content.length, 0);
  const inputTokens = estimateTextTokens(chars);
  const outputTokens = OUTPUT_TOKENS[role];
  return { inputTokens, outputTokens, usd: price ? priceTokens(price, { inputTokens, outputTokens, cacheReadTokens: null, cacheWriteTokens: null }) : null };
}

/** Placeholder notes of the assumed size, for estimating an online call before the repository exists. */
function assumedNotes(question: string, k: number): RetrievedStrategy[] {
  const entry: StrategyEntry = { queryId: '', query: question, answer: 'x'.repeat(20), strategy: 'x'.repeat(NOTE_EXTRA_CHARS - 20), confidence: 1 };
  return Array.from({ length: k }, () => ({ entry, similarity: 1 }));
}

export interface RangeEstimate {
  low: number;
  high: number;
}

/** The whole run's estimate; `usd` is null when a chat model has no price. */
export interface RunEstimate {
  calls: RangeEstimate;
  tokens: RangeEstimate;
  usd: RangeEstimate | null;
  /** Models (chat or embedding) without a price: their calls are in `tokens` but not in `usd`. */
  unpriced: string[];
  method: string;
}

export interface RunEstimateInput {
  queries: readonly CascadeQuery[];
  calibration: number;
  k: number;
  weak: string;
  strong: string;
  embeddingModel: string | null;
  initialRepository: readonly StrategyEntry[];
  priceOf: (model: string) => ModelPrice | null;
}

/** Estimates a whole run (calibration and online queries) as a range; see the module comment for how. */
export function estimateRun(input: RunEstimateInput): RunEstimate {
  const weakPrice = input.priceOf(input.weak);
  const strongPrice = input.priceOf(input.strong);
  const embPrice = input.embeddingModel === null ? null : input.priceOf(input.embeddingModel);
  const low = { calls: 0, tokens: 0, usd: 0 };
  const high = { calls: 0, tokens: 0, usd: 0 };
  const add = (to: typeof low, e: CallEstimate) => {
    to.calls++;
    to.tokens += e.inputTokens + e.outputTokens;
    to.usd += e.usd ?? 0;
  };
  input.queries.forEach((q, i) => {
    const calibrating = i < input.calibration;
    const notes = calibrating ? [] : assumedNotes(q.question, input.k);
    const weak = estimateAnswerCall('student', q.question, notes, weakPrice);
    const strong = estimateAnswerCall('teacher', q.question, notes, strongPrice);
    for (const to of [low, high]) add(to, weak);
    for (const to of calibrating ? [low, high] : [high]) add(to, strong);
  });
  if (input.embeddingModel !== null) {
    const texts = [...input.initialRepository.map((e) => e.query), ...input.queries.slice(input.calibration).map((q) => q.question)];
    const tokens = texts.reduce((n, t) => n + estimateTextTokens(t.length), 0);
    const usd = embPrice ? (tokens * embPrice.inputPerMillion) / 1e6 : 0;
    for (const to of [low, high]) {
      to.tokens += tokens;
      to.usd += usd;
    }
  }
  const unpriced = [input.weak, input.strong, ...(input.embeddingModel === null ? [] : [input.embeddingModel])].filter((m) => input.priceOf(m) === null);
  const chatPriced = weakPrice !== null && strongPrice !== null;
  return { calls: { low: low.calls, high: high.calls }, tokens: { low: low.tokens, high: high.tokens }, usd: chatPriced ? { low: low.usd, high: high.usd } : null, unpriced, method: ESTIMATE_METHOD };
}
