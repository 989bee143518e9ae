/** Metric keys lm-evaluation-harness writes per sample that usually mean "this answer was right"; tried when neither the sample nor a results file names its metrics. */
export const LM_EVAL_METRICS = ['acc', 'exact_match', 'acc_norm', 'em', 'pass@1', 'mc1', 'mc2', 'f1'];

/** Keys of a logged sample that are not metrics. */
const SAMPLE_FIELDS = new Set([
  'doc_id',
  'doc',
  'target',
  'arguments',
  'resps',
  'filtered_resps',
  'filter',
  'metrics',
  'doc_hash',
  'prompt_hash',
  'target_hash',
]);

/** What a sample holds under a metric's name. */
export type MetricValue =
  | { kind: 'score'; value: number | boolean }
  | { kind: 'list' }
  | { kind: 'out-of-range'; value: number }
  | { kind: 'other'; type: string }
  | { kind: 'missing' };

/** Classifies `sample[metric]`: a number in [0, 1] or a boolean is a per-sample score; a list is the input of a corpus-level metric. */
export function metricValue(sample: Record<string, unknown>, metric: string): MetricValue {
  if (!Object.hasOwn(sample, metric)) return { kind: 'missing' };
  const v = sample[metric];
  if (typeof v === 'boolean') return { kind: 'score', value: v };
  if (typeof v === 'number') return v >= 0 && v <= 1 ? { kind: 'score', value: v } : { kind: 'out-of-range', value: v };
  if (Array.isArray(v)) return { kind: 'list' };
  return { kind: 'other', type: v === null ? 'null' : typeof v };
}

/**
 * The metric names to consider, in order: the sample's own `metrics` list (lm-eval 0.4.7+), else the
 * results file's metric list for the task, else the usual names (LM_EVAL_METRICS) and then the
 * sample's other keys (files of 0.4.0–0.4.6 without a results file).
 */
export function candidateMetrics(sample: Record<string, unknown>, fromResults: string[]): string[] {
  const named = Array.isArray(sample.metrics) ? sample.metrics.filter((m): m is string => typeof m === 'string') : [];
  if (named.length) return [...new Set(named)];
  if (fromResults.length) return fromResults;
  return [
    ...new Set([
      ...LM_EVAL_METRICS.filter((m) => Object.hasOwn(sample, m)),
      ...Object.keys(sample).filter((k) => !SAMPLE_FIELDS.has(k)),
    ]),
  ];
}

/** The first candidate whose value in this sample is a score (a number in [0, 1] or a boolean), or undefined. */
export function firstScoreMetric(sample: Record<string, unknown>, candidates: string[]): string | undefined {
  return candidates.find((m) => metricValue(sample, m).kind === 'score');
}

/** Why `metric` cannot be this sample's correctness, in words; null when it can. */
export function metricProblem(sample: Record<string, unknown>, metric: string): string | null {
  const v = metricValue(sample, metric);
  switch (v.kind) {
    case 'score':
      return null;
    case 'missing':
      return `no metric "${metric}" in this sample`;
    case 'list':
      return `"${metric}" holds a list (the [reference, prediction] pair the harness aggregates over the whole task: a corpus-level metric, not a per-answer score)`;
    case 'out-of-range':
      return `"${metric}" is ${formatNumber(v.value)}, outside [0, 1] (a score on another scale, not a correctness)`;
    case 'other':
      return `"${metric}" is ${v.type === 'string' ? 'a string' : v.type}, not a number`;
  }
}

/** One line describing every candidate metric of a sample and why each can or cannot be the correctness. */
export function describeMetrics(sample: Record<string, unknown>, candidates: string[]): string {
  if (!candidates.length) return 'the sample names no metric';
  return candidates
    .slice(0, 12)
    .map((m) => metricProblem(sample, m) ?? `"${m}" is usable`)
    .join('; ');
}

const formatNumber = (x: number): string =>
  Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toPrecision(6)));
