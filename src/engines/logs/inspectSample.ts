import { asNumber, asObject, asString } from './readJsonDocument';

/** What every sample of one Inspect AI log shares. */
export interface InspectLogInfo {
  /** `eval.model`, e.g. `openai/gpt-4o-mini`. */
  model: string;
  task: string;
  /** The scorer whose value is the correctness (first scorer of `results.scores`, else each sample's first). */
  scorer: string | null;
  /** True when the user chose the scorer: a sample without it is an error, not a fall-back. */
  scorerChosen?: boolean;
}

/** Inspect's letter grades as scores (its own `value_to_float`: C correct, I incorrect, P partial, N no answer). */
const LETTER: Record<string, number> = { C: 1, I: 0, P: 0.5, N: 0, yes: 1, no: 0, true: 1, false: 0 };

/** One sample (a full `EvalSample` or an `EvalSampleSummary`) mapped to native field names, or why it cannot be used. */
export function inspectSampleToRaw(sample: Record<string, unknown>, info: InspectLogInfo): { raw: Record<string, unknown>; scorer: string } | { error: string } {
  const err = asObject(sample.error);
  if (err || typeof sample.error === 'string') return { error: `the sample ended with an error (${(asString(err?.message) ?? String(sample.error)).split('\n')[0].slice(0, 120)})` };
  const scores = asObject(sample.scores) ?? (sample.score !== undefined ? { score: sample.score } : undefined);
  if (!scores || Object.keys(scores).length === 0) return { error: 'the sample has no score (was it scored?)' };
  if (info.scorerChosen && info.scorer !== null && !(info.scorer in scores)) {
    return { error: `no score from the scorer "${info.scorer}" (this sample has ${Object.keys(scores).map((k) => `"${k}"`).join(', ')})` };
  }
  const scorer = info.scorer !== null && info.scorer in scores ? info.scorer : Object.keys(scores)[0];
  const score = asObject(scores[scorer]);
  const value = score?.value;
  let correct: number | boolean | undefined;
  if (typeof value === 'boolean') correct = value;
  else if (typeof value === 'number') correct = value;
  else if (typeof value === 'string') correct = Object.hasOwn(LETTER, value) ? LETTER[value] : asNumber(value);
  if (correct === undefined) return { error: `scores.${scorer}.value ${value !== null && typeof value === 'object' ? 'is an object (a multi-value scorer): no single correctness' : `${JSON.stringify(value)} is not C/I/P/N or a number`}` };
  if (typeof correct === 'number' && !(correct >= 0 && correct <= 1)) return { error: `scores.${scorer}.value ${correct} is outside [0, 1]` };

  const raw: Record<string, unknown> = { query_id: sample.id, model: info.model, correct, task: info.task };
  const usage = pickUsage(asObject(sample.model_usage), info.model);
  if (usage) {
    raw.input_tokens = usage.input_tokens;
    raw.output_tokens = usage.output_tokens;
    if (typeof usage.total_cost === 'number') raw.cost_usd = usage.total_cost;
  }
  raw.latency_s = typeof sample.total_time === 'number' ? sample.total_time : sample.working_time;
  Object.assign(raw, confidenceOf(sample, asString(score?.answer)));
  const question = questionOf(sample.input);
  if (question) raw.question = question;
  return { raw, scorer };
}

/** The eval model's usage; when it is not listed, the only entry, else the sum over models. */
function pickUsage(usage: Record<string, unknown> | undefined, model: string): Record<string, unknown> | undefined {
  if (!usage) return undefined;
  const own = asObject(usage[model]);
  if (own) return own;
  const all = Object.values(usage).map(asObject).filter((u): u is Record<string, unknown> => u !== undefined);
  if (all.length <= 1) return all[0];
  const sum = (k: string) => (all.every((u) => typeof u[k] === 'number') ? all.reduce((s, u) => s + (u[k] as number), 0) : undefined);
  return { input_tokens: sum('input_tokens'), output_tokens: sum('output_tokens'), total_cost: sum('total_cost') };
}

/**
 * The confidence signal from `output.choices[0].logprobs.content` (present only when the run asked
 * for log-probs): the log-prob of the token that spells the scored answer (e.g. "B") when one does,
 * else the whole completion's log-prob (sum over tokens), marked as a generation signal.
 */
function confidenceOf(sample: Record<string, unknown>, answer: string | undefined): Record<string, unknown> {
  const choices = asObject(sample.output)?.choices;
  const first = Array.isArray(choices) ? asObject(choices[0]) : undefined;
  const content = asObject(first?.logprobs)?.content;
  if (!Array.isArray(content) || content.length === 0) return {};
  const tokens = content.map(asObject).filter((t): t is Record<string, unknown> => t !== undefined && typeof t.logprob === 'number');
  if (tokens.length === 0) return {};
  if (answer !== undefined && answer.trim() !== '') {
    for (let i = tokens.length - 1; i >= 0; i--) if (asString(tokens[i].token)?.trim() === answer.trim()) return { logprob: Math.min(0, tokens[i].logprob as number), signal: 'answer_logprob' };
  }
  if (tokens.length === 1) return { logprob: Math.min(0, tokens[0].logprob as number), signal: 'answer_logprob' };
  return { logprob: Math.min(0, tokens.reduce((s, t) => s + (t.logprob as number), 0)), signal: 'sequence_logprob', task_type: 'generation' };
}

/** The sample's input as text: the string itself, or the last user message's text. */
function questionOf(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return undefined;
  for (let i = input.length - 1; i >= 0; i--) {
    const m = asObject(input[i]);
    if (m?.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) return m.content.map((c) => asString(asObject(c)?.text) ?? '').join('').trim() || undefined;
  }
  return undefined;
}
