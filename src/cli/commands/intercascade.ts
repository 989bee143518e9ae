import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import type { CascadeQuery } from '../../engines/intercascade/queriesJsonl';
import { saveRepository } from '../../node/intercascade/repositoryFile';
import {
  checkSessionInput,
  estimateSession,
  runCascadeSession,
  SessionInputError,
  type CascadeSessionOptions,
  type CascadeSessionResult,
} from '../../engines/intercascade/cascadeSession';
import { JournalMismatchError } from '../../engines/intercascade/cascadeJournal';
import type { RunEstimate } from '../../engines/intercascade/costEstimate';
import { formatRunEvalLog } from '../../engines/intercascade/runEvalLog';
import { CliError } from '../cliError';
import type { CliCommand } from '../command';
import { estimateJson, estimateText, summaryJson, textReport } from './intercascadeReport';
import { parseRunOptions, type RunOptions } from './intercascadeOptions';

export const intercascadeCommand: CliCommand = {
  name: 'intercascade',
  usage:
    'intercascade --queries Q.jsonl --weak MODEL --strong MODEL --endpoint URL [--api-key-env VAR] [--k 2] [--weak-threshold t [--strong-threshold t] | --alpha a --delta d --calibration N] [--repository R.jsonl] [--embedding-model M] [--confidence stated|tokens] [--match exact|numeric|choice|judge [--tolerance R] [--judge-model M]] [--compare plain,random] [--prices prices.json] [--budget-usd X] [--budget-tokens N] [--max-failures 5] [--max-attempts 5] [--max-wait 60] [--timeout S] [--out LOG.jsonl] [--journal J.jsonl] [--dry-run] [--json]',
  help: [
    'Inter-Cascade (online LLM cascade with a strategy repository): each query goes to the weak model with the k most similar stored strategies;',
    '      it keeps its answer when its confidence reaches its threshold, else the strong model answers the bare query (and writes a reusable',
    '      strategy) or the query is abstained on. --alpha/--delta/--calibration N: thresholds from the Clopper–Pearson risk guarantee on the first N queries.',
    "      --compare plain,random: also run the plain cascade and/or random strategies on the same stream and print the paper's comparison (extra",
    "      weak calls, counted in the estimate and budget; identical prompts, e.g. the strong model's, are paid once and shared).",
    '      --match: exact (default), numeric (--tolerance R, relative, default 1e-6), choice (option letters) or judge (--judge-model M, paid calls).',
    '      --out writes the run as a native eval log (calibration calls in split "train", the online run in "test").',
    "      --embedding-model M: match queries by the cosine similarity of M's embeddings (the endpoint's /embeddings) instead of TF-IDF words;",
    '      if the embedding model fails, the run goes on matching by words and says so.',
    "      --confidence tokens: the normalised probability of the answer's tokens (the endpoint must return log-probs) instead of the stated one.",
    '      --budget-usd X (needs prices) / --budget-tokens N: stop before the spending would pass X dollars / N tokens; --dry-run: the estimate only.',
    '      Failed requests (429, 5xx, timeouts) are retried up to --max-attempts times, waiting at most --max-wait s; --max-failures failed calls',
    '      in a row stop the run (exit 2). The journal (--journal, default beside --out) lets a killed run resume without paying twice.',
  ].join('\n'),
  options: {
    queries: { type: 'string' },
    weak: { type: 'string' },
    strong: { type: 'string' },
    endpoint: { type: 'string' },
    'api-key-env': { type: 'string' },
    k: { type: 'string' },
    'weak-threshold': { type: 'string' },
    'strong-threshold': { type: 'string' },
    alpha: { type: 'string' },
    delta: { type: 'string' },
    calibration: { type: 'string' },
    repository: { type: 'string' },
    'embedding-model': { type: 'string' },
    confidence: { type: 'string' },
    match: { type: 'string' },
    tolerance: { type: 'string' },
    'judge-model': { type: 'string' },
    compare: { type: 'string' },
    prices: { type: 'string' },
    timeout: { type: 'string' },
    out: { type: 'string' },
    journal: { type: 'string' },
    'budget-usd': { type: 'string' },
    'budget-tokens': { type: 'string' },
    'max-failures': { type: 'string' },
    'max-attempts': { type: 'string' },
    'max-wait': { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run({ values, json, signal, report }) {
    const { opts, queries, out, repoFile, journal } = await parseRunOptions(values, signal);
    const budget = { usd: opts.budgetUsd ?? null, tokens: opts.budgetTokens ?? null };
    if (values['dry-run']) return dryRunReport(opts, budget, json);
    const r = await runSession(opts, journal, signal);
    const { warnings, logWritten } = await keepResults(r, queries, out, repoFile);
    for (const w of warnings) report.warn(w);
    if (r.stopped)
      report.failure = {
        message: `stopped: ${r.stopped.message}${r.journal ? `; the finished queries are kept in ${r.journal}: run the same command again to resume` : ''}`,
        exitCode: 2,
      };
    const context = {
      weakName: opts.weak,
      strongName: opts.strong,
      k: opts.k,
      plan: opts.thresholds,
      budget,
      repoFile,
      logWritten,
    };
    return json ? summaryJson(r, context) : textReport(r, context);
  },
};

/** --dry-run: what the run would cost and how that was estimated; no call is made. */
function dryRunReport(
  opts: CascadeSessionOptions,
  budget: { usd: number | null; tokens: number | null },
  json: boolean,
): string | Record<string, unknown> {
  let estimate: RunEstimate;
  try {
    checkSessionInput(opts);
    estimate = estimateSession(opts);
  } catch (e) {
    throw e instanceof SessionInputError ? new CliError(e.message) : e;
  }
  return json
    ? { estimate: estimateJson(estimate), budget }
    : `${estimateText(estimate)}\nmethod: ${estimate.method}\nno call was made (--dry-run)`;
}

/** The session, its input and journal errors as one-line CLI errors (a Ctrl-C as exit 130); the journal closed in any case. */
async function runSession(
  opts: CascadeSessionOptions,
  journal: RunOptions['journal'],
  signal: AbortSignal,
): Promise<CascadeSessionResult> {
  try {
    return await runCascadeSession(opts);
  } catch (e) {
    if (signal.aborted) throw new CliError('cancelled', 130);
    if (e instanceof SessionInputError || e instanceof JournalMismatchError) throw new CliError(e.message);
    throw e;
  } finally {
    await journal?.close();
  }
}

/** What a finished run leaves behind: the repository saved (--repository), the run as an eval log (--out), and the warnings. */
async function keepResults(
  r: CascadeSessionResult,
  queries: readonly CascadeQuery[],
  out: string | undefined,
  repoFile: string | undefined,
): Promise<{ warnings: string[]; logWritten: { file: string; records: number } | null }> {
  if (repoFile !== undefined) await saveRepository(repoFile, r.repository);
  const warnings = [...r.warnings];
  if (out === undefined) return { warnings, logWritten: null };
  const logged = formatRunEvalLog(queries, r.calibration?.calls ?? [], r.run.trace);
  await writeFileAtomic(out, logged.text);
  if (logged.leftOut)
    warnings.push(`${logged.leftOut} model call(s) not in the log (no gold answer, or the call failed)`);
  return { warnings, logWritten: { file: out, records: logged.written } };
}
