import { makePriceResolver } from '../../engines/logs/priceResolver';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import { parseQueriesJsonl, type CascadeQuery } from '../../engines/intercascade/queriesJsonl';
import { loadRepository, saveRepository } from '../../node/intercascade/repositoryFile';
import type { StrategyEntry } from '../../engines/intercascade/strategyRepository';
import {
  checkSessionInput,
  estimateSession,
  runCascadeSession,
  SessionInputError,
  DEFAULT_MAX_FAILURES,
  type CascadeSessionOptions,
  type CascadeSessionResult,
  type SessionThresholds,
} from '../../engines/intercascade/cascadeSession';
import { CONTROL_ARMS } from '../../engines/intercascade/sessionInput';
import { JournalMismatchError } from '../../engines/intercascade/cascadeJournal';
import { fileJournalStore } from '../../node/intercascade/fileJournal';
import type { ControlArm, RunEstimate } from '../../engines/intercascade/costEstimate';
import { MATCH_MODES, type MatchOptions } from '../../engines/intercascade/matchAnswer';
import { DEFAULT_REL_TOL } from '../../engines/intercascade/numericMatch';
import { formatRunEvalLog } from '../../engines/intercascade/runEvalLog';
import { DEFAULT_RETRY } from '../../engines/llm/retry';
import { CliError } from '../cliError';
import type { CliCommand } from '../command';
import { estimateJson, estimateText, summaryJson, textReport } from './intercascadeReport';
import { numberOption } from '../numberOption';
import { cannotRead, readCliText, readPriceFile } from '../readCliFile';

async function readQueries(file: string): Promise<CascadeQuery[]> {
  const r = parseQueriesJsonl(await readCliText(file));
  if (r.problems.length)
    throw new CliError(
      `${file}:${r.problems[0].line}: ${r.problems[0].message}${r.problems.length > 1 ? ` (and ${r.problems.length - 1} more bad line(s))` : ''}`,
    );
  if (r.items.length === 0) throw new CliError(`${file}: no queries (only blank lines)`);
  return r.items.map((i) => i.value);
}

async function readRepository(file: string): Promise<StrategyEntry[]> {
  let r;
  try {
    r = await loadRepository(file, { allowMissing: true });
  } catch (e) {
    throw cannotRead(file, e);
  }
  if (r.problems.length) throw new CliError(`${file}:${r.problems[0].line}: ${r.problems[0].message}`);
  return r.items.map((i) => i.value);
}

function requiredText(values: Record<string, unknown>, flag: string): string {
  const v = values[flag];
  if (typeof v !== 'string' || !v.trim()) throw new CliError(`--${flag} is required`);
  return v;
}

function apiKeyFrom(envVar: unknown): string | undefined {
  if (envVar === undefined) return undefined;
  const key = process.env[String(envVar)];
  if (!key) throw new CliError(`--api-key-env: environment variable ${String(envVar)} is not set`);
  return key;
}

function integerOption(raw: unknown, flag: string, range: { min: number; max: number }, fallback?: number): number {
  const v = numberOption(raw, flag, range, fallback);
  if (!Number.isInteger(v)) throw new CliError(`${flag}: "${String(raw)}" is not an integer`);
  return v;
}

/** Thresholds from the flags: given directly, or calibrated on the first N queries with the risk guarantee. */
function thresholdPlan(values: Record<string, unknown>): SessionThresholds {
  const calibrated = values.alpha !== undefined || values.delta !== undefined || values.calibration !== undefined;
  if (values['weak-threshold'] !== undefined && calibrated)
    throw new CliError('give either --weak-threshold or --alpha, --delta and --calibration, not both');
  if (!calibrated) {
    if (values['weak-threshold'] === undefined)
      throw new CliError(
        'give --weak-threshold t, or --alpha a --delta d --calibration N to derive it with the risk guarantee',
      );
    return {
      mode: 'manual',
      weak: numberOption(values['weak-threshold'], '--weak-threshold', { min: 0, max: 1 }),
      strong: numberOption(values['strong-threshold'], '--strong-threshold', { min: 0, max: 1 }, 0),
    };
  }
  if (values['strong-threshold'] !== undefined)
    throw new CliError('--strong-threshold cannot be combined with --alpha: the calibration sets both thresholds');
  const alpha = numberOption(values.alpha, '--alpha', { min: 0, max: 1, open: 'both' });
  const delta = numberOption(values.delta, '--delta', { min: 0, max: 1, open: 'both' });
  const calibration = integerOption(values.calibration, '--calibration', { min: 1, max: Number.MAX_SAFE_INTEGER });
  return { mode: 'guarantee', alpha, delta, calibration };
}

/** `--compare plain,random`: the controls to run on the same stream. */
function compareOption(raw: unknown): ControlArm[] {
  if (raw === undefined) return [];
  const names = String(raw)
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = names.find((x) => !(CONTROL_ARMS as readonly string[]).includes(x));
  if (bad !== undefined || names.length === 0)
    throw new CliError(
      `--compare: "${bad ?? String(raw)}" is not one of ${CONTROL_ARMS.join(', ')} (e.g. --compare plain,random)`,
    );
  return CONTROL_ARMS.filter((c) => names.includes(c));
}

/** `--match`, `--tolerance` and `--judge-model`. */
function matchOption(values: Record<string, unknown>): MatchOptions {
  const mode = String(values.match ?? 'exact');
  if (!(MATCH_MODES as readonly string[]).includes(mode))
    throw new CliError(`--match: "${mode}" is not one of ${MATCH_MODES.join(', ')}`);
  const relTol = numberOption(values.tolerance, '--tolerance', { min: 0, max: 1, open: 'max' }, DEFAULT_REL_TOL);
  if (values.tolerance !== undefined && mode !== 'numeric')
    throw new CliError('--tolerance applies to --match numeric only');
  const judge = values['judge-model'] as string | undefined;
  if (judge !== undefined && mode !== 'judge') throw new CliError('--judge-model applies to --match judge only');
  if (mode === 'judge' && !judge?.trim())
    throw new CliError(
      '--match judge needs --judge-model M (the model asked whether an answer matches the gold answer)',
    );
  return { mode: mode as MatchOptions['mode'], relTol, judgeModel: judge?.trim() ?? null };
}

/** The journal's file: --journal, else beside --out (`run.jsonl` → `run.journal.jsonl`), else none. */
function journalPath(values: Record<string, unknown>): string | null {
  const j = values.journal as string | undefined;
  if (j !== undefined) {
    if (!j.trim()) throw new CliError('--journal needs a file name');
    return j;
  }
  const out = values.out as string | undefined;
  return out === undefined ? null : `${out.replace(/\.jsonl$/i, '')}.journal.jsonl`;
}

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
    const queriesFile = requiredText(values, 'queries');
    const weakName = requiredText(values, 'weak');
    const strongName = requiredText(values, 'strong');
    const endpoint = requiredText(values, 'endpoint');
    const apiKey = apiKeyFrom(values['api-key-env']);
    const k = integerOption(values.k, '--k', { min: 0, max: 50 }, 2);
    const timeoutS = numberOption(values.timeout, '--timeout', { min: 0, max: 3600, open: 'min' }, 60);
    const confidence = values.confidence ?? 'stated';
    if (confidence !== 'stated' && confidence !== 'tokens')
      throw new CliError(`--confidence: "${String(confidence)}" is not one of stated, tokens`);
    const budgetUsd =
      values['budget-usd'] === undefined
        ? null
        : numberOption(values['budget-usd'], '--budget-usd', { min: 0, max: 1e9, open: 'min' });
    const budgetTokens =
      values['budget-tokens'] === undefined
        ? null
        : integerOption(values['budget-tokens'], '--budget-tokens', { min: 1, max: Number.MAX_SAFE_INTEGER });
    const maxFailures = integerOption(
      values['max-failures'],
      '--max-failures',
      { min: 1, max: 1_000_000 },
      DEFAULT_MAX_FAILURES,
    );
    const maxAttempts = integerOption(
      values['max-attempts'],
      '--max-attempts',
      { min: 1, max: 20 },
      DEFAULT_RETRY.maxAttempts,
    );
    const maxWaitS = numberOption(
      values['max-wait'],
      '--max-wait',
      { min: 0, max: 3600 },
      DEFAULT_RETRY.maxDelayMs / 1000,
    );
    const queries = await readQueries(queriesFile);
    const plan = thresholdPlan(values);
    const match = matchOption(values);
    const compare = compareOption(values.compare);
    const out = values.out as string | undefined;
    const journalFile = journalPath(values);
    const repoFile = values.repository as string | undefined;
    const files: [string | undefined | null, string][] = [
      [queriesFile, 'the queries file'],
      [out, 'the --out file'],
      [repoFile, 'the --repository file'],
      [journalFile, 'the journal'],
    ];
    files.forEach(([a, an], i) =>
      files.slice(i + 1).forEach(([b, bn]) => {
        if (a && b && resolve(a) === resolve(b))
          throw new CliError(
            `${bn} ${b} is also ${an}; ${i === 0 ? 'the input is never overwritten' : 'give each its own file'}`,
          );
      }),
    );
    if (out !== undefined && !queries.some((q) => q.gold !== null))
      throw new CliError(
        `--out: no query in ${queriesFile} has a gold "answer", so the log could not say which answers are correct`,
      );
    const priceTable = await readPriceFile(values.prices as string | undefined);
    const priceOf = makePriceResolver(priceTable, true);
    const embeddingPriceOf = makePriceResolver(priceTable, true, 'embedding');
    const embeddingModel = values['embedding-model'] as string | undefined;
    if (embeddingModel !== undefined && embeddingModel.trim() === '')
      throw new CliError('--embedding-model needs a model name');
    const repository = repoFile === undefined ? [] : await readRepository(repoFile);
    const journal = journalFile === null ? null : fileJournalStore(journalFile);
    const opts: CascadeSessionOptions = {
      queries,
      weak: weakName,
      strong: strongName,
      endpoint,
      apiKey,
      k,
      confidence,
      embeddingModel: embeddingModel?.trim() ?? null,
      thresholds: plan,
      repository,
      priceOf: (m) => priceOf(m)?.price ?? null,
      embeddingPriceOf: (m) => embeddingPriceOf(m)?.price ?? null,
      match,
      compare,
      budgetUsd,
      budgetTokens,
      maxConsecutiveFailures: maxFailures,
      timeoutMs: timeoutS * 1000,
      retry: {
        ...DEFAULT_RETRY,
        maxAttempts,
        maxDelayMs: maxWaitS * 1000,
        baseDelayMs: Math.min(DEFAULT_RETRY.baseDelayMs, maxWaitS * 1000),
      },
      fetchImpl: fetch,
      journal,
      signal,
    };
    if (values['dry-run']) {
      let estimate: RunEstimate;
      try {
        checkSessionInput(opts);
        estimate = estimateSession(opts);
      } catch (e) {
        throw e instanceof SessionInputError ? new CliError(e.message) : e;
      }
      return json
        ? { estimate: estimateJson(estimate), budget: { usd: budgetUsd, tokens: budgetTokens } }
        : `${estimateText(estimate)}\nmethod: ${estimate.method}\nno call was made (--dry-run)`;
    }
    let r: CascadeSessionResult;
    try {
      r = await runCascadeSession(opts);
    } catch (e) {
      if (signal.aborted) throw new CliError('cancelled', 130);
      if (e instanceof SessionInputError || e instanceof JournalMismatchError) throw new CliError(e.message);
      throw e;
    } finally {
      await journal?.close();
    }
    if (repoFile !== undefined) await saveRepository(repoFile, r.repository);
    const warnings = [...r.warnings];
    let logWritten: { file: string; records: number } | null = null;
    if (out !== undefined) {
      const logged = formatRunEvalLog(queries, r.calibration?.calls ?? [], r.run.trace);
      await writeFileAtomic(out, logged.text);
      logWritten = { file: out, records: logged.written };
      if (logged.leftOut)
        warnings.push(`${logged.leftOut} model call(s) not in the log (no gold answer, or the call failed)`);
    }
    for (const w of warnings) report.warn(w);
    if (r.stopped)
      report.failure = {
        message: `stopped: ${r.stopped.message}${r.journal ? `; the finished queries are kept in ${r.journal}: run the same command again to resume` : ''}`,
        exitCode: 2,
      };
    const context = {
      weakName,
      strongName,
      k,
      plan,
      budget: { usd: budgetUsd, tokens: budgetTokens },
      repoFile,
      logWritten,
    };
    return json ? summaryJson(r, context) : textReport(r, context);
  },
};
