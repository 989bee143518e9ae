import { candidateMetrics, metricProblem, metricValue } from './lmEvalMetric';
import { generationTexts, optionTexts } from './lmEvalTexts';
import { asNumber, asObject, asString } from './readJsonDocument';
import { FIELDS_NOT_FOR_METRICS } from './nativeFields';

export { LM_EVAL_METRICS } from './lmEvalMetric';

export interface LmEvalContext {
  model: string;
  task: string;
  /** The metric that counts as correctness (chosen once per file). */
  metric: string;
  /** Other per-sample metrics to keep as extra fields (numbers and booleans only). */
  extras: string[];
  /** The task's metrics per the results file (to name what a sample has when it lacks `metric`). */
  resultMetrics: string[];
  /** The text the harness puts between the prompt and each option (`target_delimiter`, " " by default). */
  targetDelimiter: string;
}

/** Longest question text kept per record (the doc's question, or the end of the prompt). */
const MAX_QUESTION = 2000;

/**
 * Maps one logged sample to native fields: `query_id` `<task>/<doc_id>`, `correct` from `ctx.metric`,
 * the question for display, and, for multiple-choice tasks, the chosen option's log-likelihood as the
 * confidence signal. Only these fields (and the metrics named in `ctx.extras`) are emitted: `doc_id`,
 * `target` and the other tool fields never become extra metrics.
 *
 * Confidence: `filtered_resps` (or `resps`) hold one `[log_likelihood, is_greedy]` pair per option,
 * as numbers (lm-eval 0.4.0–0.4.2) or strings (0.4.3+). The harness's `acc` picks the option of the
 * highest log-likelihood and `acc_norm` the highest log-likelihood per character of the option's text
 * (the continuation in `arguments` without the target delimiter); the chosen option's log-likelihood
 * is the signal: an answer-token log-prob when the options are letters, a sequence log-prob (task_type
 * `generation`) when they are sentences. A single option (e.g. asdiv: "is the gold answer the greedy
 * continuation?") gives no signal: its log-likelihood is the gold answer's, not the model's choice.
 */
export function lmEvalSampleToRaw(
  sample: Record<string, unknown>,
  ctx: LmEvalContext,
): { raw: Record<string, unknown> } | { error: string } {
  const id = sample.doc_id;
  if (id === undefined) return { error: 'no "doc_id": not an lm-evaluation-harness sample' };
  if (!(typeof id === 'string' && id !== '') && !(typeof id === 'number' && Number.isFinite(id)))
    return {
      error: `"doc_id" must be a number or a string, got ${id === null ? 'null' : Array.isArray(id) ? 'an array' : typeof id}`,
    };
  const problem = metricProblem(sample, ctx.metric);
  if (problem !== null) {
    if (metricValue(sample, ctx.metric).kind !== 'missing') return { error: problem };
    const has = candidateMetrics(sample, ctx.resultMetrics).filter((m) => metricValue(sample, m).kind === 'score');
    return { error: `${problem} (it has ${has.length ? has.map((m) => `"${m}"`).join(', ') : 'no per-sample score'})` };
  }
  const value = metricValue(sample, ctx.metric);
  const raw: Record<string, unknown> = {
    query_id: `${ctx.task}/${String(id)}`,
    model: ctx.model,
    correct: value.kind === 'score' ? value.value : null,
    task: ctx.task,
  };
  for (const m of ctx.extras) {
    const v = sample[m];
    if (
      m !== ctx.metric &&
      !FIELDS_NOT_FOR_METRICS.has(m) &&
      ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean')
    )
      raw[m] = v;
  }
  const options = optionLogLikelihoods(sample);
  if (options) {
    const texts = choiceTexts(sample.arguments, options.length, ctx.targetDelimiter);
    const lengths = texts && texts.map(codePoints);
    const normalised = ctx.metric === 'acc_norm' && lengths !== null;
    let best = 0;
    let bestKey = -Infinity;
    options.forEach((ll, i) => {
      const key = normalised ? ll / Math.max(1, lengths[i]) : ll;
      if (key > bestKey) {
        bestKey = key;
        best = i;
      }
    });
    const ll = options[best];
    if (ll === -Infinity) raw.confidence = 0;
    else if (Number.isFinite(ll)) raw.logprob = Math.min(0, ll);
    // A letter (" B") is one answer token; a whole sentence (HellaSwag endings) is a sequence probability.
    const letters = lengths === null || lengths.every((n) => n <= 3);
    raw.signal = letters ? 'answer_logprob' : 'option_sequence_logprob';
    raw.task_type = letters ? 'multiple_choice' : 'generation';
    Object.assign(raw, optionTexts(sample.target, texts, best));
  } else {
    raw.task_type = 'generation';
    Object.assign(raw, generationTexts(sample));
  }
  const question = questionText(sample);
  if (question) raw.question = question;
  return { raw };
}

/** Per-option log-likelihoods from `filtered_resps` (`[[ll, greedy], ...]`) or `resps` (`[[[ll, greedy]], ...]`), or null when the sample is not a multiple-choice one (fewer than two options, or generated text). */
function optionLogLikelihoods(sample: Record<string, unknown>): number[] | null {
  const fromPairs = (list: unknown, nested: boolean): number[] | null => {
    if (!Array.isArray(list) || list.length < 2) return null;
    const out: number[] = [];
    for (const item of list) {
      const pair: unknown =
        nested && Array.isArray(item) && item.length === 1 && Array.isArray(item[0]) ? item[0] : item;
      if (!Array.isArray(pair) || pair.length !== 2) return null;
      const ll = asNumber(pair[0]);
      if (ll === undefined || Number.isNaN(ll) || ll === Infinity) return null;
      out.push(ll);
    }
    return out;
  };
  return fromPairs(sample.filtered_resps, false) ?? fromPairs(sample.resps, true);
}

/**
 * Each option's text, or null when the arguments do not give them: the continuation is
 * `arguments[i][1]` (0.4.0–0.4.2) or `arguments.gen_args_i.arg_1` (0.4.3+), which the harness wrote
 * as target delimiter + option; the delimiter is taken off.
 */
function choiceTexts(args: unknown, n: number, delimiter: string): string[] | null {
  const list = Array.isArray(args) ? args : asObject(args) ? Object.values(args as Record<string, unknown>) : null;
  if (!list || list.length !== n) return null;
  const out: string[] = [];
  for (const a of list) {
    let cont = Array.isArray(a) ? a[1] : asObject(a)?.arg_1;
    if (typeof cont !== 'string') return null;
    if (delimiter !== '' && cont.startsWith(delimiter)) cont = cont.slice(delimiter.length);
    out.push(cont);
  }
  return out;
}

/** Length in characters of a text as Python counts them (code points). */
const codePoints = (t: string): number => t.length - (t.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);

/** Doc fields that hold the question in common harness tasks, tried in order (case-insensitively). */
const QUESTION_FIELDS = [
  'question',
  'query',
  'problem',
  'input',
  'prompt',
  'ctx',
  'goal',
  'sentence',
  'text',
  'premise',
  'context',
  'passage',
];

/** The question for display: a text field of `doc`, else the end of the prompt in `arguments` (after any few-shot examples). */
function questionText(sample: Record<string, unknown>): string | undefined {
  const doc = asObject(sample.doc);
  if (doc) {
    const byLower = new Map<string, string>();
    for (const [k, v] of Object.entries(doc))
      if (typeof v === 'string' && v.trim() !== '' && !byLower.has(k.toLowerCase())) byLower.set(k.toLowerCase(), v);
    for (const f of QUESTION_FIELDS) {
      const v = byLower.get(f);
      if (v !== undefined) return clip(v.trim());
    }
  }
  const args = sample.arguments;
  const first = Array.isArray(args)
    ? args[0]
    : asObject(args)
      ? Object.values(args as Record<string, unknown>)[0]
      : undefined;
  const prompt = Array.isArray(first) ? first[0] : asString(asObject(first)?.arg_0);
  if (typeof prompt !== 'string' || prompt.trim() === '') return undefined;
  const t = prompt.trim();
  return t.length > MAX_QUESTION ? `…${t.slice(t.length - MAX_QUESTION + 1)}` : t;
}

const clip = (s: string): string => (s.length > MAX_QUESTION ? `${s.slice(0, MAX_QUESTION - 1)}…` : s);
