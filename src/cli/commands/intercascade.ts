import { makePriceResolver } from '../../engines/logs/priceResolver';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import { parseQueriesJsonl, type CascadeQuery } from '../../engines/intercascade/queriesJsonl';
import { loadRepository, saveRepository } from '../../engines/intercascade/repositoryJsonl';
import type { StrategyEntry } from '../../engines/intercascade/strategyRepository';
import { checkSessionInput, estimateSession, runCascadeSession, SessionInputError, DEFAULT_MAX_FAILURES, type CascadeSessionOptions, type CascadeSessionResult, type SessionThresholds } from '../../engines/intercascade/cascadeSession';
import { JournalMismatchError } from '../../engines/intercascade/cascadeJournal';
import { fileJournalStore } from '../../engines/intercascade/fileJournal';
import type { RunEstimate } from '../../engines/intercascade/costEstimate';
import { formatRunEvalLog } from '../../engines/intercascade/runEvalLog';
import { DEFAULT_RETRY } from '../../engines/llm/retry';
import { LlmError } from '../../engines/llm/llmError';
import { CliError } from '../cliError';
import type { CliCommand } from '../command';
import { fmt } from '../format';
import { numberOption } from '../numberOption';
import { cannotRead, readCliText, readPriceFile } from '../readCliFile';

async function readQueries(file: string): Promise<CascadeQuery[]> {
  const r = parseQueriesJsonl(await readCliText(file));
  if (r.problems.length) throw new CliError(`${file}:${r.problems[0].line}: ${r.problems[0].message}${r.problems.length > 1 ? ` (and ${r.problems.length - 1} more bad line(s))` : ''}`);
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
  if (values['weak-threshold'] !== undefined && calibrated) throw new CliError('give either --weak-threshold or --alpha, --delta and --calibration, not both');
  if (!calibrated) {
    if (values['weak-threshold'] === undefined) throw new CliError('give --weak-threshold t, or --alpha a --delta d --calibration N to derive it with the risk guarantee');
    return { mode: 'manual', weak: numberOption(values['weak-threshold'], '--weak-threshold', { min: 0, max: 1 }), strong: numberOption(values['strong-threshold'], '--strong-threshold', { min: 0, max: 1 }, 0) };
  }
  if (values['strong-threshold'] !== undefined) throw new CliError('--strong-threshold cannot be combined with --alpha: the calibration sets both thresholds');
  const alpha = numberOption(values.alpha, '--alpha', { min: 0, max: 1, open: 'both' });
  const delta = numberOption(values.delta, '--delta', { min: 0, max: 1, open: 'both' });
  const calibration = integerOption(values.calibration, '--calibration', { min: 1, max: Number.MAX_SAFE_INTEGER });
  return { mode: 'guarantee', alpha, delta, calibration };
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

const money = (x: number) => `$${fmt(x, 6)}`;

function estimateJson(e: RunEstimate): Record<string, unknown> {
  return { calls: e.calls, tokens: e.tokens, usd: e.usd, unpriced: e.unpriced, method: e.method };
}

function estimateText(e: RunEstimate): string {
  const usd = e.usd ? `, ${money(e.usd.low)} to ${money(e.usd.high)}` : `, no dollar figure (no price for ${e.unpriced.join(', ')})`;
  return `estimate before the run: ${e.calls.low} to ${e.calls.high} calls, ${e.tokens.low} to ${e.tokens.high} tokens${usd} (prompt characters / 4, fixed reply sizes; docs/inter-cascade.md)`;
}

function summaryJson(r: CascadeSessionResult, plan: SessionThresholds, budget: { usd: number | null; tokens: number | null }, log: { file: string; records: number } | null): Record<string, unknown> {
  const run = r.run;
  return {
    n: run.n,
    n_gold: run.nGold,
    weak_threshold: r.weakThreshold,
    strong_threshold: r.strongThreshold,
    calibration: r.calibration && plan.mode === 'guarantee' ? { n: plan.calibration, alpha: plan.alpha, delta: plan.delta, weak_upper_bound: r.calibration.guarantee.weak.upperBound, strong_upper_bound: r.calibration.guarantee.strong.upperBound } : null,
    weak_accuracy: run.weakAccuracy,
    weak_correct_accepted: run.weakCorrectAccepted,
    overall_accuracy: run.overallAccuracy,
    risk_accepted: run.riskAccepted,
    strong_call_rate: run.strongCallRate,
    abstention_rate: run.abstentionRate,
    coverage: run.coverage,
    total_cost_usd: run.totalCostUsd,
    strategies_added: run.strategiesAdded,
    repository_size: run.repositorySize,
    log,
    queries_total: r.onlineTotal,
    failed_calls: { transport: r.failed.transport, malformed: r.failed.malformed, usage: r.failed.usage },
    spent: { usd: r.spend.usd, tokens: r.spend.tokens, chat_calls: r.spend.chatCalls, embedding_requests: r.spend.embeddingRequests, estimated_calls: r.spend.estimatedCalls },
    budget,
    estimate: estimateJson(r.estimate),
    stopped: r.stopped,
    resumed: r.resumed && { journal: r.resumed.journal, calibration_calls: r.resumed.calibrationCalls, online_queries: r.resumed.onlineQueries, dropped_cut_line: r.resumed.droppedTail },
    journal: r.journal,
  };
}

export const intercascadeCommand: CliCommand = {
  name: 'intercascade',
  usage:
    'intercascade --queries Q.jsonl --weak MODEL --strong MODEL --endpoint URL [--api-key-env VAR] [--k 2] [--weak-threshold t [--strong-threshold t] | --alpha a --delta d --calibration N] [--repository R.jsonl] [--embedding-model M] [--confidence stated|tokens] [--prices prices.json] [--budget-usd X] [--budget-tokens N] [--max-failures 5] [--max-attempts 5] [--max-wait 60] [--timeout S] [--out LOG.jsonl] [--journal J.jsonl] [--dry-run] [--json]',
  help: [
    'Inter-Cascade (online LLM cascade with a strategy repository): each query goes to the weak model with the k most similar stored strategies;',
    '      it keeps its answer when its confidence reaches its threshold, else the strong model answers (and writes a reusable strategy) or the',
    '      query is abstained on. --alpha/--delta/--calibration N: thresholds from the Clopper–Pearson risk guarantee on the first N queries.',
    '      --out writes the run as a native eval log (calibration calls in split "train", the online run in "test").',
    '      --embedding-model M: match queries by the cosine similarity of M\'s embeddings (the endpoint\'s /embeddings) instead of TF-IDF words.',
    '      --confidence tokens: the normalised probability of the answer\'s tokens (the endpoint must return log-probs) instead of the stated one.',
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
    if (confidence !== 'stated' && confidence !== 'tokens') throw new CliError(`--confidence: "${String(confidence)}" is not one of stated, tokens`);
    const budgetUsd = values['budget-usd'] === undefined ? null : numberOption(values['budget-usd'], '--budget-usd', { min: 0, max: 1e9, open: 'min' });
    const budgetTokens = values['budget-tokens'] === undefined ? null : integerOption(values['budget-tokens'], '--budget-tokens', { min: 1, max: Number.MAX_SAFE_INTEGER });
    const maxFailures = integerOption(values['max-failures'], '--max-failures', { min: 1, max: 1_000_000 }, DEFAULT_MAX_FAILURES);
    const maxAttempts = integerOption(values['max-attempts'], '--max-attempts', { min: 1, max: 20 }, DEFAULT_RETRY.maxAttempts);
    const maxWaitS = numberOption(values['max-wait'], '--max-wait', { min: 0, max: 3600 }, DEFAULT_RETRY.maxDelayMs / 1000);
    const queries = await readQueries(queriesFile);
    const plan = thresholdPlan(values);
    const out = values.out as string | undefined;
    const journalFile = journalPath(values);
    const repoFile = values.repository as string | undefined;
    const files: [string | undefined | null, string][] = [[queriesFile, 'the queries file'], [out, 'the --out file'], [repoFile, 'the --repository file'], [journalFile, 'the journal']];
    files.forEach(([a, an], i) => files.slice(i + 1).forEach(([b, bn]) => {
      if (a && b && resolve(a) === resolve(b)) throw new CliError(`${bn} ${b} is also ${an}; ${i === 0 ? 'the input is never overwritten' : 'give each its own file'}`);
    }));
    if (out !== undefined && !queries.some((q) => q.gold !== null)) throw new CliError(`--out: no query in ${queriesFile} has a gold "answer", so the log could not say which answers are correct`);
    const priceOf = makePriceResolver(await readPriceFile(values.prices as string | undefined), true);
    const embeddingModel = values['embedding-model'] as string | undefined;
    if (embeddingModel !== undefined && embeddingModel.trim() === '') throw new CliError('--embedding-model needs a model name');
    const repository = repoFile === undefined ? [] : await readRepository(repoFile);
    const journal = journalFile === null ? null : fileJournalStore(journalFile);
    const opts: CascadeSessionOptions = {
      queries, weak: weakName, strong: strongName, endpoint, apiKey, k, confidence, embeddingModel: embeddingModel?.trim() ?? null, thresholds: plan, repository,
      priceOf: (m) => priceOf(m)?.price ?? null, budgetUsd, budgetTokens, maxConsecutiveFailures: maxFailures, timeoutMs: timeoutS * 1000,
      retry: { ...DEFAULT_RETRY, maxAttempts, maxDelayMs: maxWaitS * 1000, baseDelayMs: Math.min(DEFAULT_RETRY.baseDelayMs, maxWaitS * 1000) }, journal, signal,
    };
    if (values['dry-run']) {
      let estimate: RunEstimate;
      try {
        checkSessionInput(opts);
        estimate = estimateSession(opts);
      } catch (e) {
        throw e instanceof SessionInputError ? new CliError(e.message) : e;
      }
      return json ? { estimate: estimateJson(estimate), budget: { usd: budgetUsd, tokens: budgetTokens } } : `${estimateText(estimate)}\nmethod: ${estimate.method}\nno call was made (--dry-run)`;
    }
    let r: CascadeSessionResult;
    try {
      r = await runCascadeSession(opts);
    } catch (e) {
      if (signal.aborted) throw new CliError('cancelled', 130);
      if (e instanceof SessionInputError || e instanceof JournalMismatchError) throw new CliError(e.message);
      // Model calls that fail are counted; what still throws is the retrieval (the embedding model).
      if (e instanceof LlmError) throw new CliError(embeddingModel === undefined ? e.message : `--embedding-model: ${e.message}`, 1);
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
      if (logged.leftOut) warnings.push(`${logged.leftOut} model call(s) not in the log (no gold answer, or the call failed)`);
    }
    for (const w of warnings) report.warn(w);
    if (r.stopped) report.failure = { message: `stopped: ${r.stopped.message}${r.journal ? `; the finished queries are kept in ${r.journal}: run the same command again to resume` : ''}`, exitCode: 2 };
    const budget = { usd: budgetUsd, tokens: budgetTokens };
    if (json) return summaryJson(r, plan, budget, logWritten);
    return textReport(r, { weakName, strongName, k, plan, budget, repoFile, logWritten });
  },
};

function textReport(r: CascadeSessionResult, c: { weakName: string; strongName: string; k: number; plan: SessionThresholds; budget: { usd: number | null; tokens: number | null }; repoFile?: string; logWritten: { file: string; records: number } | null }): string {
  const run = r.run;
  const thr = (t: number | null) => (t === null ? 'never accepts' : `accepts at confidence ≥ ${fmt(t, 4)}`);
  const failed = r.failed.transport + r.failed.malformed + r.failed.usage;
  const budget = [c.budget.usd === null ? '' : `$${c.budget.usd}`, c.budget.tokens === null ? '' : `${c.budget.tokens} tokens`].filter(Boolean).join(' and ');
  return [
    ...(r.stopped ? [`STOPPED before the end (${run.n} of ${r.onlineTotal} online queries finished): ${r.stopped.message}`] : []),
    ...(r.resumed ? [`resumed from ${r.resumed.journal}: ${r.resumed.onlineQueries} online queries and ${r.resumed.calibrationCalls} calibration calls were already done`] : []),
    `Inter-Cascade ${c.weakName} → ${c.strongName} → abstain on ${run.n} queries (${run.nGold} with gold answers), k = ${c.k}`,
    r.calibration && c.plan.mode === 'guarantee' ? `thresholds from the risk guarantee on ${c.plan.calibration} calibration queries (α = ${c.plan.alpha}, δ = ${c.plan.delta})` : c.plan.mode === 'guarantee' ? 'thresholds: calibration not finished' : 'thresholds given on the command line',
    `${c.weakName}: ${thr(r.weakThreshold)}; ${c.strongName}: ${thr(r.strongThreshold)}`,
    `weak accuracy ${fmt(run.weakAccuracy, 4)} (correct and kept ${fmt(run.weakCorrectAccepted, 4)}), overall accuracy ${fmt(run.overallAccuracy, 4)}, risk among kept answers ${fmt(run.riskAccepted, 4)}`,
    `strong-call rate ${fmt(run.strongCallRate, 4)}, abstention rate ${fmt(run.abstentionRate, 4)}, total cost ${run.totalCostUsd === null ? '- (no prices or usage)' : money(run.totalCostUsd)}`,
    `failed calls: ${failed}${failed ? ` (${r.failed.transport} transport, ${r.failed.malformed} malformed, ${r.failed.usage} implausible usage)` : ''}`,
    estimateText(r.estimate),
    `spent: ${r.spend.usd === null ? 'no dollar figure' : money(r.spend.usd)}, ${r.spend.tokens} tokens, ${r.spend.chatCalls} chat calls${r.spend.embeddingRequests ? `, ${r.spend.embeddingRequests} embedding requests` : ''}${budget ? ` (budget ${budget})` : ''}`,
    `strategies: ${run.strategiesAdded} added, repository ${r.repositoryStart} → ${run.repositorySize}${c.repoFile ? ` (saved to ${c.repoFile})` : ''}`,
    ...(c.logWritten ? [`eval log: ${c.logWritten.records} records written to ${c.logWritten.file}`] : []),
    ...(r.journal ? [`journal: ${r.journal}`] : []),
  ].join('\n');
}
