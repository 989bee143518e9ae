import { asNumber, asObject, asString } from './readJsonDocument';

/** Metric keys lm-evaluation-harness writes per sample that mean "this answer was right" (graded in [0,1]). */
export const LM_EVAL_METRICS = ['acc', 'exact_match', 'acc_norm', 'em', 'pass@1', 'mc1', 'f1'];

export interface LmEvalContext {
  model: string;
  task: string;
  /** The metric chosen by the user; a sample without it is an error. */
  metric?: string;
}

/**
 * Maps one `--log_samples` line to native fields. Correctness: the metric of `ctx.metric` when
 * given, else the first metric named in the sample's `metrics` list that is a number in [0,1]
 * (else the first of LM_EVAL_METRICS present).
 * Confidence (multiple-choice tasks only): `filtered_resps` (or `resps`) hold one
 * `[log_prob, is_greedy]` pair per option, often as strings; the chosen option is the one with the
 * highest log-likelihood (per character of the option's text when the metric is `acc_norm`, as the
 * harness scores it), and its log-likelihood is the signal: an answer-token log-prob when the
 * options are letters, a sequence log-prob (task_type `generation`) when they are sentences.
 */
export function lmEvalSampleToRaw(sample: Record<string, unknown>, ctx: LmEvalContext): { raw: Record<string, unknown>; metric: string } | { error: string } {
  if (sample.doc_id === undefined) return { error: 'no "doc_id": not an lm-evaluation-harness sample' };
  const named = Array.isArray(sample.metrics) ? sample.metrics.filter((m): m is string => typeof m === 'string') : [];
  const isScore = (m: string): boolean => typeof sample[m] === 'number' || typeof sample[m] === 'boolean';
  if (ctx.metric !== undefined && !isScore(ctx.metric)) {
    const present = [...new Set([...named, ...LM_EVAL_METRICS])].filter(isScore);
    return { error: `no metric "${ctx.metric}" in this sample (it has ${present.length ? present.map((m) => `"${m}"`).join(', ') : 'no per-sample metric'})` };
  }
  const metric = ctx.metric ?? [...named, ...LM_EVAL_METRICS].find(isScore);
  if (metric === undefined) return { error: `no per-sample metric found (looked for ${[...new Set([...named, ...LM_EVAL_METRICS])].join(', ')})` };
  const value = sample[metric];
  if (typeof value === 'number' && !(value >= 0 && value <= 1)) return { error: `metric "${metric}" is ${value}, outside [0, 1]: not a correctness score` };
  const raw: Record<string, unknown> = { query_id: ctx.task ? `${ctx.task}/${String(sample.doc_id)}` : sample.doc_id, model: ctx.model, correct: value, task: ctx.task };
  const options = optionLogLikelihoods(sample);
  if (options) {
    const lengths = continuationLengths(sample.arguments, options.length);
    const normalised = metric === 'acc_norm' && lengths !== null;
    let best = 0;
    let bestKey = -Infinity;
    options.forEach((ll, i) => {
      const key = normalised ? ll / Math.max(1, lengths[i]) : ll;
      if (key > bestKey) {
        bestKey = key;
        best = i;
      }
    });
    raw.logprob = Math.min(0, options[best]);
    // A letter (" B") is one answer token; a whole sentence (HellaSwag endings) is a sequence probability.
    const letters = lengths === null || lengths.every((n) => n <= 3);
    raw.signal = letters ? 'answer_logprob' : 'option_sequence_logprob';
    raw.task_type = letters ? 'multiple_choice' : 'generation';
  } else raw.task_type = 'generation';
  const doc = asObject(sample.doc);
  const question = asString(doc?.question) ?? asString(doc?.query) ?? asString(doc?.problem) ?? asString(doc?.input);
  if (question) raw.question = question;
  return { raw, metric };
}

/** Per-option log-likelihoods from `filtered_resps` (`[[ll, greedy], ...]`) or `resps` (`[[[ll, greedy]], ...]`), or null for generation tasks. */
function optionLogLikelihoods(sample: Record<string, unknown>): number[] | null {
  const fromPairs = (list: unknown, nested: boolean): number[] | null => {
    if (!Array.isArray(list) || list.length < 2) return null;
    const out: number[] = [];
    for (const item of list) {
      const pair = nested && Array.isArray(item) && Array.isArray(item[0]) ? item[0] : item;
      if (!Array.isArray(pair) || pair.length !== 2) return null;
      const ll = asNumber(pair[0]);
      if (ll === undefined || Number.isNaN(ll)) return null;
      out.push(ll);
    }
    return out;
  };
  return fromPairs(sample.filtered_resps, false) ?? fromPairs(sample.resps, true);
}

/** Character length of each option's continuation, null when the arguments do not give them (`arguments[i][1]`, or `arguments.gen_args_i.arg_1`). */
function continuationLengths(args: unknown, n: number): number[] | null {
  const list = Array.isArray(args) ? args : asObject(args) ? Object.values(args as Record<string, unknown>) : null;
  if (!list || list.length !== n) return null;
  const out: number[] = [];
  for (const a of list) {
    const cont = Array.isArray(a) ? a[1] : asObject(a)?.arg_1;
    if (typeof cont !== 'string') return null;
    out.push(cont.length);
  }
  return out;
}
