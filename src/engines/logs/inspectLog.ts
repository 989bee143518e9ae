import { EvalLogError } from './evalLogError';
import type { InspectLogInfo } from './inspectSample';
import { asObject, asString } from './readJsonDocument';
import type { EvalRecord } from './types';

/** Beyond this, our mean score and the log's own metric are said to differ (both are means of the same values). */
const HEADLINE_TOLERANCE = 1e-9;

/** The log's model, task and scorer (the user's choice, else the first the log's results name). */
export function inspectLogInfo(
  file: string,
  header: Record<string, unknown>,
  chosenScorer?: string,
): InspectLogInfo & { otherScorers: string[] } {
  const evalSpec = asObject(header.eval);
  const model = asString(evalSpec?.model);
  if (!model) throw new EvalLogError(file, 'Inspect log has no "eval.model"');
  const scorers = logScorers(header);
  const scorer = chosenScorer ?? scorers[0] ?? null;
  return {
    model,
    task: asString(evalSpec?.task) ?? '',
    scorer,
    scorerChosen: chosenScorer !== undefined,
    otherScorers: scorers.filter((s) => s !== scorer),
  };
}

/** Scorer names in the order of `results.scores` (one entry per scorer, or per key of a dictionary scorer). */
function logScorers(header: Record<string, unknown>): string[] {
  const scores = asObject(header.results)?.scores;
  const out: string[] = [];
  if (!Array.isArray(scores)) return out;
  for (const s of scores) {
    const o = asObject(s);
    const name = asString(o?.scorer) ?? asString(o?.name);
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

const firstLine = (s: string): string => s.split('\n')[0].slice(0, 200);
const errorMessage = (header: Record<string, unknown>): string | undefined => {
  const m = asString(asObject(header.error)?.message);
  return m ? firstLine(m) : undefined;
};

/** Why a log holds no sample at all, from its status (whole-file message). */
export function emptyLogReason(header: Record<string, unknown>, headerOnly: boolean): string {
  const status = asString(header.status) ?? 'unknown';
  const error = errorMessage(header);
  if (headerOnly)
    return `header-only log: the file has no "samples" (written with log_samples=False, or saved without samples); the run's status is "${status}"${error ? ` (${error})` : ''}`;
  if (status === 'cancelled')
    return 'the run was cancelled before any sample finished (status "cancelled", no samples in the log)';
  if (status === 'error')
    return `the run failed before any sample finished (status "error"${error ? `: ${error}` : ''})`;
  if (status === 'started')
    return 'the run has not finished any sample yet (status "started": still running, or it stopped without closing the log)';
  return `the log holds no samples (status "${status}"; was it written with log_samples=False?)`;
}

/** A warning for a run that did not end in success, or null. */
export function statusWarning(header: Record<string, unknown>): string | null {
  const status = asString(header.status);
  if (status === undefined || status === 'success') return null;
  const error = errorMessage(header);
  if (status === 'cancelled')
    return 'the run was cancelled (status "cancelled"): only the samples it finished are in the log';
  if (status === 'error')
    return `the run ended in an error (status "error"${error ? `: ${error}` : ''}): only the samples it finished are in the log`;
  if (status === 'started')
    return 'the run had not finished when the log was read (status "started"): only the samples finished so far are in it';
  return `the run's status is "${status}": only the samples it finished are in the log`;
}

/**
 * Compares the mean score of the records with the log's own headline metric for the scorer
 * (`accuracy`, else `mean`, of its `results.scores` entry): a warning when they differ, or when the
 * run reduced epochs otherwise than by their mean (then they may differ). Null when they agree or
 * the log has no such metric.
 */
export function headlineCheck(
  header: Record<string, unknown>,
  scorer: string | null,
  records: readonly EvalRecord[],
  keepEpochs: boolean,
): string | null {
  if (scorer === null || records.length === 0) return null;
  const scores = asObject(header.results)?.scores;
  if (!Array.isArray(scores)) return null;
  const entry = scores
    .map(asObject)
    .find(
      (s) =>
        s !== undefined &&
        (asString(s.scorer) ?? asString(s.name)) === scorer &&
        (asString(s.name) ?? scorer) === scorer,
    );
  const metrics = asObject(entry?.metrics);
  const metricName = asObject(metrics?.accuracy) ? 'accuracy' : asObject(metrics?.mean) ? 'mean' : null;
  if (!entry || !metrics || metricName === null) return null;
  const theirs = asObject(metrics[metricName])?.value;
  if (typeof theirs !== 'number' || !Number.isFinite(theirs)) return null;
  const reducer = asString(entry.reducer);
  const repeated = keepEpochs || records.some((r) => r.epochs > 1);
  if (reducer !== undefined && reducer !== 'mean' && repeated)
    return `the run reduced epochs with "${reducer}" (its ${metricName}: ${theirs}); here the repeats of a query are averaged (mean), so the accuracy can differ`;
  let sum = 0;
  for (const r of records) sum += r.score;
  const ours = sum / records.length;
  if (Math.abs(ours - theirs) <= HEADLINE_TOLERANCE) return null;
  return `the mean score here, ${ours}, differs from the log's own ${metricName} for scorer "${scorer}", ${theirs} (skipped samples, or a custom metric or reducer, can explain it)`;
}
