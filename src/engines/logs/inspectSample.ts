import { pickModelUsage, type PickedUsage } from './inspectUsage';
import { asNumber, asObject, asString } from './readJsonDocument';

/** What every sample of one Inspect AI log shares. */
export interface InspectLogInfo {
  /** `eval.model`, e.g. `openai/gpt-4o-mini`. */
  model: string;
  /** `eval.task`; query ids are `<task>/<sample id>` so that logs of different tasks never collide. */
  task: string;
  /** The scorer whose value is the correctness (the user's, else the log's first), or null when the log names none. */
  scorer: string | null;
  /** True when the user chose the scorer. */
  scorerChosen?: boolean;
}

/** A sample mapped to native fields, with what the reader reports about it. */
export interface MappedSample {
  raw: Record<string, unknown>;
  scorer: string;
  usage: PickedUsage;
}

/** Why a sample gives no record; `kind` lets the reader count errored samples apart. */
export interface UnusableSample {
  error: string;
  kind: 'errored' | 'unscored' | 'other';
}

/**
 * A score value as Inspect's `value_to_float` reads it (its default `mean`/`accuracy` metrics use
 * it): numbers and booleans as they are, `C` 1, `P` 0.5, `I` and `N` 0, "yes"/"true" 1 and
 * "no"/"false" 0 in any case, numeric strings as numbers; undefined for anything else.
 */
export function inspectValueToFloat(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (value === 'C') return 1;
  if (value === 'P') return 0.5;
  if (value === 'I' || value === 'N') return 0;
  const lower = value.toLowerCase();
  if (lower === 'yes' || lower === 'true') return 1;
  if (lower === 'no' || lower === 'false') return 0;
  const x = asNumber(value);
  return x === undefined || Number.isNaN(x) ? undefined : x;
}

/** The sample's id as a query-id part (a string or a finite number), or undefined. */
function idOf(sample: Record<string, unknown>): string | undefined {
  const id = sample.id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

/** One sample (a full `EvalSample`, an `EvalSampleSummary` or a chunked sample's shell) mapped to native field names, or why it cannot be used. */
export function inspectSampleToRaw(
  sample: Record<string, unknown>,
  info: InspectLogInfo,
): MappedSample | UnusableSample {
  const err = asObject(sample.error);
  if (err || (typeof sample.error === 'string' && sample.error !== ''))
    return {
      error: `the sample ended with an error (${(asString(err?.message) ?? String(sample.error)).split('\n')[0].slice(0, 160)})`,
      kind: 'errored',
    };
  if (sample.invalidation !== undefined && sample.invalidation !== null)
    return { error: 'the sample was invalidated after the run (Inspect leaves it out of its metrics)', kind: 'other' };
  if (sample.completed === false)
    return { error: 'the sample had not finished when the log was written', kind: 'other' };
  const id = idOf(sample);
  if (id === undefined)
    return {
      error: `the sample's "id" must be a non-empty string or a number, got ${JSON.stringify(sample.id)?.slice(0, 40) ?? 'nothing'}`,
      kind: 'other',
    };
  const scores =
    asObject(sample.scores) ??
    (sample.score !== undefined && sample.score !== null ? { score: sample.score } : undefined);
  if (!scores || Object.keys(scores).length === 0)
    return { error: 'the sample has no score (the run had no scorer, or scoring did not happen)', kind: 'unscored' };
  let scorer: string;
  if (info.scorer !== null) {
    if (!Object.hasOwn(scores, info.scorer))
      return {
        error: `no score from the scorer "${info.scorer}" (this sample has ${Object.keys(scores)
          .map((k) => `"${k}"`)
          .join(', ')})`,
        kind: 'unscored',
      };
    scorer = info.scorer;
  } else scorer = Object.keys(scores)[0];
  const score = asObject(scores[scorer]);
  const value = score?.value;
  const correct = inspectValueToFloat(value);
  if (correct === undefined)
    return {
      error: `scores.${scorer}.value ${value !== null && typeof value === 'object' ? 'is a list or dictionary (a multi-value scorer): no single correctness' : `${JSON.stringify(value)?.slice(0, 40)} is not C/I/P/N, yes/no, true/false or a number`}`,
      kind: 'other',
    };
  if (!(correct >= 0 && correct <= 1))
    return { error: `scores.${scorer}.value ${correct} is outside [0, 1]`, kind: 'other' };

  const raw: Record<string, unknown> = {
    query_id: info.task ? `${info.task}/${id}` : id,
    model: info.model,
    correct,
    task: info.task,
  };
  const epoch = sample.epoch;
  if (typeof epoch === 'number' && Number.isInteger(epoch) && epoch >= 1) raw.epoch = epoch;
  const usage = pickModelUsage(sample.model_usage, info.model);
  if (usage.usage) for (const [k, v] of usage.usage.fields) raw[k] = v;
  const latency = typeof sample.total_time === 'number' ? sample.total_time : sample.working_time;
  if (typeof latency === 'number') raw.latency_s = latency;
  Object.assign(raw, confidenceOf(sample, asString(score?.answer)));
  const question = questionOf(sample.input);
  if (question) raw.question = question;
  const reference = referenceOf(sample.target);
  if (reference) raw.reference = reference;
  const answer = answerOf(sample);
  if (answer) raw.answer = answer;
  return { raw, scorer, usage };
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
  const tokens = content
    .map(asObject)
    .filter(
      (t): t is Record<string, unknown> =>
        t !== undefined && typeof t.logprob === 'number' && (Number.isFinite(t.logprob) || t.logprob === -Infinity),
    );
  if (tokens.length === 0) return {};
  if (answer !== undefined && answer.trim() !== '') {
    for (let i = tokens.length - 1; i >= 0; i--)
      if (asString(tokens[i].token)?.trim() === answer.trim())
        return { logprob: Math.min(0, tokens[i].logprob as number), signal: 'answer_logprob' };
  }
  if (tokens.length === 1) return { logprob: Math.min(0, tokens[0].logprob as number), signal: 'answer_logprob' };
  return {
    logprob: Math.min(
      0,
      tokens.reduce((s, t) => s + (t.logprob as number), 0),
    ),
    signal: 'sequence_logprob',
    task_type: 'generation',
  };
}

/** The sample's input as text: the string itself, or the last user message's text. */
function questionOf(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  return lastMessageText(input, 'user');
}

/** The text of the last message of `role` in a list of chat messages (content a string, or a list of parts whose `text` is joined). */
function lastMessageText(messages: unknown, role: string): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = asObject(messages[i]);
    if (m?.role === role && (typeof m.content === 'string' || Array.isArray(m.content))) return contentText(m.content);
  }
  return undefined;
}

/** A message's content as text: the string, or its parts' `text` joined (reasoning and images left out). */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  return (
    content
      .map((c) => asString(asObject(c)?.text) ?? '')
      .join('')
      .trim() || undefined
  );
}

/** The sample's `target`: a string, or a list of accepted targets joined by " | ". */
function referenceOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target || undefined;
  if (!Array.isArray(target)) return undefined;
  return target.filter((t): t is string => typeof t === 'string' && t !== '').join(' | ') || undefined;
}

/** The model's answer: `output.completion`, else the first choice's message, else the last assistant message of `messages`. */
function answerOf(sample: Record<string, unknown>): string | undefined {
  const output = asObject(sample.output);
  const completion = asString(output?.completion);
  if (completion) return completion;
  const choices = output?.choices;
  const first = Array.isArray(choices) ? asObject(asObject(choices[0])?.message) : undefined;
  return contentText(first?.content) || lastMessageText(sample.messages, 'assistant');
}
