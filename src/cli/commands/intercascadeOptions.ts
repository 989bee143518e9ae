/**
 * The flags of `costrisk intercascade` read into the session's options: every flag checked in
 * the order the command has always checked them, each problem a one-line CliError naming the flag.
 */
import { resolve } from 'node:path';
import { makePriceResolver } from '../../engines/logs/priceResolver';
import { parseQueriesJsonl, type CascadeQuery } from '../../engines/intercascade/queriesJsonl';
import { loadRepository } from '../../node/intercascade/repositoryFile';
import type { StrategyEntry } from '../../engines/intercascade/strategyRepository';
import type { CascadeSessionOptions, SessionThresholds } from '../../engines/intercascade/cascadeSession';
import { CONTROL_ARMS } from '../../engines/intercascade/sessionInput';
import { fileJournalStore } from '../../node/intercascade/fileJournal';
import type { ControlArm } from '../../engines/intercascade/costEstimate';
import { MATCH_MODES, type MatchOptions } from '../../engines/intercascade/matchAnswer';
import { DEFAULT_REL_TOL } from '../../engines/intercascade/numericMatch';
import { DEFAULT_MAX_FAILURES } from '../../engines/intercascade/cascadeSession';
import { DEFAULT_RETRY } from '../../engines/llm/retry';
import { CliError } from '../cliError';
import { numberOption } from '../numberOption';
import { cannotRead, readCliText, readPriceFile } from '../readCliFile';

type Values = Record<string, unknown>;

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

/** --budget-usd, --budget-tokens, --max-failures, --max-attempts and --max-wait: when a run stops, and how failed requests are retried. */
function runLimits(
  values: Values,
): Pick<CascadeSessionOptions, 'budgetUsd' | 'budgetTokens' | 'maxConsecutiveFailures' | 'retry'> {
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
  return {
    budgetUsd,
    budgetTokens,
    maxConsecutiveFailures: maxFailures,
    retry: {
      ...DEFAULT_RETRY,
      maxAttempts,
      maxDelayMs: maxWaitS * 1000,
      baseDelayMs: Math.min(DEFAULT_RETRY.baseDelayMs, maxWaitS * 1000),
    },
  };
}

/** The queries file, --out, --repository and the journal are different files: the input is never overwritten, and no output overwrites another. */
function checkDistinctFiles(files: [string | undefined | null, string][]): void {
  files.forEach(([a, an], i) =>
    files.slice(i + 1).forEach(([b, bn]) => {
      if (a && b && resolve(a) === resolve(b))
        throw new CliError(
          `${bn} ${b} is also ${an}; ${i === 0 ? 'the input is never overwritten' : 'give each its own file'}`,
        );
    }),
  );
}

/** Everything `costrisk intercascade` runs on: the session's options, its queries, and where its results go. */
export interface RunOptions {
  opts: CascadeSessionOptions;
  queries: CascadeQuery[];
  out: string | undefined;
  repoFile: string | undefined;
  /** The journal the session writes (also `opts.journal`), to close when the run ends; null without one. */
  journal: ReturnType<typeof fileJournalStore> | null;
}

/** Reads and checks every flag (and the queries, price and repository files they name) into the session's options. */
export async function parseRunOptions(values: Values, signal: AbortSignal): Promise<RunOptions> {
  const queriesFile = requiredText(values, 'queries');
  const weak = requiredText(values, 'weak');
  const strong = requiredText(values, 'strong');
  const endpoint = requiredText(values, 'endpoint');
  const apiKey = apiKeyFrom(values['api-key-env']);
  const k = integerOption(values.k, '--k', { min: 0, max: 50 }, 2);
  const timeoutS = numberOption(values.timeout, '--timeout', { min: 0, max: 3600, open: 'min' }, 60);
  const confidence = values.confidence ?? 'stated';
  if (confidence !== 'stated' && confidence !== 'tokens')
    throw new CliError(`--confidence: "${String(confidence)}" is not one of stated, tokens`);
  const limits = runLimits(values);
  const queries = await readQueries(queriesFile);
  const thresholds = thresholdPlan(values);
  const match = matchOption(values);
  const compare = compareOption(values.compare);
  const out = values.out as string | undefined;
  const journalFile = journalPath(values);
  const repoFile = values.repository as string | undefined;
  checkDistinctFiles([
    [queriesFile, 'the queries file'],
    [out, 'the --out file'],
    [repoFile, 'the --repository file'],
    [journalFile, 'the journal'],
  ]);
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
    weak,
    strong,
    endpoint,
    apiKey,
    k,
    confidence,
    embeddingModel: embeddingModel?.trim() ?? null,
    thresholds,
    repository,
    priceOf: (m) => priceOf(m)?.price ?? null,
    embeddingPriceOf: (m) => embeddingPriceOf(m)?.price ?? null,
    match,
    compare,
    ...limits,
    timeoutMs: timeoutS * 1000,
    fetchImpl: fetch,
    journal,
    signal,
  };
  return { opts, queries, out, repoFile, journal };
}
