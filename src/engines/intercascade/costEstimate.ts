/**
 * Cost estimates before any call is made. A prompt's tokens are estimated as its characters / 4
 * (rounded up), the usual rule of thumb for English text with OpenAI-style tokenizers; a reply as a
 * fixed allowance: 40 tokens for an answer and confidence, 160 when the strong model also writes a
 * strategy, 5 for a judge's verdict. The prompt is built exactly as the run will build it
 * (instructions, worked examples, question); the weak model's online prompt carries k notes of an
 * assumed size (the question's own length plus 300 characters for the earlier answer and method),
 * the strong model's none (strategies augment the weak model only), calibration prompts none.
 * Prices come from the same table as the run's costs. An embedding model, when named, embeds each
 * online query once and the starting repository once (characters / 4, input price).
 *
 * A comparison adds, per online query, one weak call for each control (the plain cascade's without
 * notes, the random control's with k notes) and no strong call beyond the upper end: the strong
 * model's prompt carries no strategies, so the arms share its answer on a query (paid once). A
 * judge adds up to one call per answer that does not match exactly (none at the lower end).
 */
import { priceTokens } from '../logs/priceResolver';
import type { ModelPrice } from '../logs/types';
import { answerPromptMessages, type PromptRole } from './answerPrompt';
import type { ArmName } from './journalRecords';
import { JUDGE_OUTPUT_TOKENS, judgePromptMessages } from './judgePrompt';
import type { CascadeQuery } from './queriesJsonl';
import type { RetrievedStrategy, StrategyEntry } from './strategyRepository';

export const ESTIMATE_METHOD =
  "prompt tokens = characters / 4 of the prompt as sent (instructions, examples, question; the weak model's online prompt with k notes of the question's length + 300 characters); reply tokens = 40 per answer, 160 when the strong model writes a strategy, 5 per judge verdict; lower end: the weak model answers every online query (in every arm of a comparison) and every answer matches exactly; upper end: the strong model on every online query too (its answer shared by the arms) and every answer judged; calibration: both models on each calibration query; embeddings: characters / 4 per text";

const OUTPUT_TOKENS: Record<PromptRole, number> = { student: 40, teacher: 160 };
/** The answer a judge is assumed to grade, in characters. */
const JUDGED_ANSWER_CHARS = 20;
const NOTE_EXTRA_CHARS = 300;

export const estimateTextTokens = (chars: number): number => Math.ceil(chars / 4);

/** One call's estimated tokens and cost (null cost without a price). */
export interface CallEstimate {
  inputTokens: number;
  outputTokens: number;
  usd: number | null;
}

/** The estimate of one answer call with these notes. */
export function estimateAnswerCall(
  role: PromptRole,
  question: string,
  notes: readonly RetrievedStrategy[],
  price: ModelPrice | null,
): CallEstimate {
  const chars = answerPromptMessages(role, question, notes).reduce((n, m) => n + m.content.length, 0);
  const inputTokens = estimateTextTokens(chars);
  const outputTokens = OUTPUT_TOKENS[role];
  return {
    inputTokens,
    outputTokens,
    usd: price
      ? priceTokens(price, { inputTokens, outputTokens, cacheReadTokens: null, cacheWriteTokens: null })
      : null,
  };
}

/** Placeholder notes of the assumed size, for estimating an online call before the repository exists. */
function assumedNotes(question: string, k: number): RetrievedStrategy[] {
  const entry: StrategyEntry = {
    queryId: '',
    query: question,
    answer: 'x'.repeat(20),
    strategy: 'x'.repeat(NOTE_EXTRA_CHARS - 20),
    confidence: 1,
  };
  return Array.from({ length: k }, () => ({ entry, similarity: 1 }));
}

export interface RangeEstimate {
  low: number;
  high: number;
}

/** The controls of a comparison (the paper's plain cascade and random-strategy pipelines). */
export type ControlArm = Exclude<ArmName, 'retrieval'>;

/** One part of the estimate: what the Inter-Cascade itself, a control, the judge or the embeddings add. */
export interface EstimatePart {
  what: 'calibration' | ArmName | 'judge' | 'embeddings';
  /** Chat calls (embedding requests for 'embeddings'). */
  calls: RangeEstimate;
  tokens: RangeEstimate;
  /** Null when a model of this part has no price. */
  usd: RangeEstimate | null;
}

/** The whole run's estimate; `usd` is null when a chat model (or the judge) has no price. */
export interface RunEstimate {
  /** Chat calls (answers and verdicts; embedding requests are in `parts`). */
  calls: RangeEstimate;
  tokens: RangeEstimate;
  usd: RangeEstimate | null;
  /** Models (chat, judge or embedding) without a price: their calls are in `tokens` but not in `usd`. */
  unpriced: string[];
  /** The same figures by part; the controls' part is the extra paid calls a comparison costs. */
  parts: EstimatePart[];
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
  /** The embedding model's price (default: `priceOf`). */
  embeddingPriceOf?: (model: string) => ModelPrice | null;
  compare?: readonly ControlArm[];
  /** The judge model when matching by a judge, else null. */
  judgeModel?: string | null;
}

type Tally = { calls: number; tokens: number; usd: number; priced: boolean };
const tally = (priced = true): Tally => ({ calls: 0, tokens: 0, usd: 0, priced });

function addTo(t: Tally, e: CallEstimate, times = 1): void {
  t.calls += times;
  t.tokens += times * (e.inputTokens + e.outputTokens);
  t.usd += times * (e.usd ?? 0);
  if (e.usd === null) t.priced = false;
}

const part = (what: EstimatePart['what'], low: Tally, high: Tally): EstimatePart => ({
  what,
  calls: { low: low.calls, high: high.calls },
  tokens: { low: low.tokens, high: high.tokens },
  usd: low.priced && high.priced ? { low: low.usd, high: high.usd } : null,
});

/** Estimates a whole run (calibration and online queries) as a range; see the module comment for how. */
export function estimateRun(input: RunEstimateInput): RunEstimate {
  const weakPrice = input.priceOf(input.weak);
  const strongPrice = input.priceOf(input.strong);
  const judge = input.judgeModel ?? null;
  const judgePrice = judge === null ? null : input.priceOf(judge);
  const controls = [...new Set(input.compare ?? [])];
  const judged = (q: CascadeQuery) =>
    judge === null || q.gold === null
      ? null
      : estimateJudgeCall({ question: q.question, gold: q.gold, answer: 'x'.repeat(JUDGED_ANSWER_CHARS) }, judgePrice);
  const cal = [tally(), tally()];
  const main = [tally(), tally()];
  const ctl = new Map(controls.map((c) => [c, [tally(), tally()]]));
  const jt = [tally(), tally(judgePrice !== null)];
  input.queries.forEach((q, i) => {
    const strong = estimateAnswerCall('teacher', q.question, [], strongPrice);
    const j = judged(q);
    if (i < input.calibration) {
      for (const t of cal) {
        addTo(t, estimateAnswerCall('student', q.question, [], weakPrice));
        addTo(t, strong);
      }
      if (j) addTo(jt[1], j, 2);
      return;
    }
    const notes = assumedNotes(q.question, input.k);
    for (const t of main) addTo(t, estimateAnswerCall('student', q.question, notes, weakPrice));
    addTo(main[1], strong);
    for (const [c, t] of ctl)
      for (const x of t) addTo(x, estimateAnswerCall('student', q.question, c === 'plain' ? [] : notes, weakPrice));
    if (j) addTo(jt[1], j, 2 + controls.length);
  });
  const parts: EstimatePart[] = [];
  if (input.calibration > 0) parts.push(part('calibration', cal[0], cal[1]));
  parts.push(part('retrieval', main[0], main[1]));
  for (const [c, t] of ctl) parts.push(part(c, t[0], t[1]));
  if (judge !== null) parts.push(part('judge', jt[0], jt[1]));
  if (input.embeddingModel !== null) {
    const embPrice = (input.embeddingPriceOf ?? input.priceOf)(input.embeddingModel);
    const texts = [
      ...input.initialRepository.map((e) => e.query),
      ...input.queries.slice(input.calibration).map((q) => q.question),
    ];
    const emb = tally(embPrice !== null);
    emb.calls = (input.initialRepository.length ? 1 : 0) + input.queries.length - input.calibration;
    emb.tokens = texts.reduce((n, t) => n + estimateTextTokens(t.length), 0);
    emb.usd = embPrice ? (emb.tokens * embPrice.inputPerMillion) / 1e6 : 0;
    parts.push(part('embeddings', emb, emb));
  }
  const sum = (end: 'low' | 'high', f: (p: EstimatePart) => RangeEstimate | null) =>
    parts.reduce((n, p) => n + (f(p)?.[end] ?? 0), 0);
  const chatParts = parts.filter((p) => p.what !== 'embeddings');
  const unpriced = [input.weak, input.strong, ...(judge === null ? [] : [judge])].filter(
    (m) => input.priceOf(m) === null,
  );
  if (input.embeddingModel !== null && (input.embeddingPriceOf ?? input.priceOf)(input.embeddingModel) === null)
    unpriced.push(input.embeddingModel);
  const chatPriced = weakPrice !== null && strongPrice !== null && (judge === null || judgePrice !== null);
  return {
    calls: {
      low: chatParts.reduce((n, p) => n + p.calls.low, 0),
      high: chatParts.reduce((n, p) => n + p.calls.high, 0),
    },
    tokens: { low: sum('low', (p) => p.tokens), high: sum('high', (p) => p.tokens) },
    usd: chatPriced ? { low: sum('low', (p) => p.usd), high: sum('high', (p) => p.usd) } : null,
    unpriced: [...new Set(unpriced)],
    parts,
    method: ESTIMATE_METHOD,
  };
}

/** The estimate of one judge call on this answer (prompt characters / 4, a one-word reply). */
export function estimateJudgeCall(
  j: { question: string; gold: string; answer: string },
  price: ModelPrice | null,
): CallEstimate {
  const inputTokens = estimateTextTokens(
    judgePromptMessages(j.question, j.gold, j.answer).reduce((n, m) => n + m.content.length, 0),
  );
  const outputTokens = JUDGE_OUTPUT_TOKENS;
  return {
    inputTokens,
    outputTokens,
    usd: price
      ? priceTokens(price, { inputTokens, outputTokens, cacheReadTokens: null, cacheWriteTokens: null })
      : null,
  };
}
