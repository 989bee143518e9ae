import { makePriceResolver } from '../../engines/logs/priceResolver';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import { parseQueriesJsonl, type CascadeQuery } from '../../engines/intercascade/queriesJsonl';
import { loadRepository, saveRepository } from '../../engines/intercascade/repositoryJsonl';
import type { StrategyEntry } from '../../engines/intercascade/strategyRepository';
import { openStrategyStore } from '../../engines/intercascade/embeddingRepository';
import { llmCascadeModel } from '../../engines/intercascade/llmCascadeModel';
import { calibrateThresholds, type CalibrationResult } from '../../engines/intercascade/calibrateThresholds';
import { runInterCascade } from '../../engines/intercascade/runInterCascade';
import { formatRunEvalLog } from '../../engines/intercascade/runEvalLog';
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

/** Thresholds from the flags: given directly, or calibrated on the first N queries with the risk guarantee. */
interface ThresholdPlan {
  weak: number | null;
  strong: number | null;
  calibration: { n: number; alpha: number; delta: number } | null;
}

function thresholdPlan(values: Record<string, unknown>, queries: readonly CascadeQuery[]): ThresholdPlan {
  const calibrated = values.alpha !== undefined || values.delta !== undefined || values.calibration !== undefined;
  if (values['weak-threshold'] !== undefined && calibrated) throw new CliError('give either --weak-threshold or --alpha, --delta and --calibration, not both');
  if (!calibrated) {
    if (values['weak-threshold'] === undefined) throw new CliError('give --weak-threshold t, or --alpha a --delta d --calibration N to derive it with the risk guarantee');
    return { weak: numberOption(values['weak-threshold'], '--weak-threshold', { min: 0, max: 1 }), strong: numberOption(values['strong-threshold'], '--strong-threshold', { min: 0, max: 1 }, 0), calibration: null };
  }
  if (values['strong-threshold'] !== undefined) throw new CliError('--strong-threshold cannot be combined with --alpha: the calibration sets both thresholds');
  const alpha = numberOption(values.alpha, '--alpha', { min: 0, max: 1, open: 'both' });
  const delta = numberOption(values.delta, '--delta', { min: 0, max: 1, open: 'both' });
  const n = numberOption(values.calibration, '--calibration', { min: 1, max: Number.MAX_SAFE_INTEGER });
  if (!Number.isInteger(n)) throw new CliError(`--calibration: "${String(values.calibration)}" is not an integer`);
  if (n >= queries.length) throw new CliError(`--calibration ${n}: the query file has only ${queries.length} queries; leave some for the online run`);
  const noGold = queries.slice(0, n).find((q) => q.gold === null);
  if (noGold) throw new CliError(`--calibration: query "${noGold.queryId}" (among the first ${n}) has no gold "answer"; calibration needs one on every query`);
  return { weak: null, strong: null, calibration: { n, alpha, delta } };
}

export const intercascadeCommand: CliCommand = {
  name: 'intercascade',
  usage:
    'intercascade --queries Q.jsonl --weak MODEL --strong MODEL --endpoint URL [--api-key-env VAR] [--k 2] [--weak-threshold t [--strong-threshold t] | --alpha a --delta d --calibration N] [--repository R.jsonl] [--embedding-model M] [--confidence stated|tokens] [--prices prices.json] [--timeout S] [--out LOG.jsonl] [--json]',
  help: [
    'Inter-Cascade (online LLM cascade with a strategy repository): each query goes to the weak model with the k most similar stored strategies;',
    '      it keeps its answer when its confidence reaches its threshold, else the strong model answers (and writes a reusable strategy) or the',
    '      query is abstained on. --alpha/--delta/--calibration N: thresholds from the Clopper–Pearson risk guarantee on the first N queries.',
    '      --out writes the run as a native eval log (calibration calls in split "train", the online run in "test").',
    '      --embedding-model M: match queries by the cosine similarity of M\'s embeddings (the endpoint\'s /embeddings) instead of TF-IDF words.',
    '      --confidence tokens: the normalised probability of the answer\'s tokens (the endpoint must return log-probs) instead of the stated one.',
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
  },
  async run({ values, json, signal, report }) {
    const queriesFile = requiredText(values, 'queries');
    const weakName = requiredText(values, 'weak');
    const strongName = requiredText(values, 'strong');
    if (weakName === strongName) throw new CliError('--weak and --strong must be different models');
    const endpoint = requiredText(values, 'endpoint');
    const apiKey = apiKeyFrom(values['api-key-env']);
    const k = numberOption(values.k, '--k', { min: 0, max: 50 }, 2);
    if (!Number.isInteger(k)) throw new CliError(`--k: "${String(values.k)}" is not an integer`);
    const timeoutS = numberOption(values.timeout, '--timeout', { min: 0, max: 3600, open: 'min' }, 60);
    const confidence = values.confidence ?? 'stated';
    if (confidence !== 'stated' && confidence !== 'tokens') throw new CliError(`--confidence: "${String(confidence)}" is not one of stated, tokens`);
    const queries = await readQueries(queriesFile);
    const plan = thresholdPlan(values, queries);
    const out = values.out as string | undefined;
    if (out !== undefined && resolve(out) === resolve(queriesFile)) throw new CliError(`--out: ${out} is the queries file; the input is never overwritten`);
    if (out !== undefined && !queries.some((q) => q.gold !== null)) throw new CliError(`--out: no query in ${queriesFile} has a gold "answer", so the log could not say which answers are correct`);
    const priceOf = makePriceResolver(await readPriceFile(values.prices as string | undefined), true);
    const repoFile = values.repository as string | undefined;
    if (repoFile !== undefined && [queriesFile, out].some((f) => f !== undefined && resolve(f) === resolve(repoFile))) throw new CliError(`--repository: ${repoFile} is also the queries or --out file; give the repository its own file`);
    const embeddingModel = values['embedding-model'] as string | undefined;
    if (embeddingModel !== undefined && embeddingModel.trim() === '') throw new CliError('--embedding-model needs a model name');
    const embedding = embeddingModel === undefined ? null : { endpoint, model: embeddingModel.trim(), apiKey, timeoutMs: timeoutS * 1000 };
    const repository = await openStrategyStore(repoFile === undefined ? [] : await readRepository(repoFile), embedding, signal).catch((e: Error) => {
      throw new CliError(`--embedding-model: ${e.message}`, 1);
    });
    const startSize = repository.size;

    const model = (name: string, role: 'student' | 'teacher') => llmCascadeModel({ endpoint, model: name, apiKey, role, price: priceOf(name)?.price, timeoutMs: timeoutS * 1000, confidence });
    const weak = model(weakName, 'student');
    const strong = model(strongName, 'teacher');
    let calibration: CalibrationResult | null = null;
    let online = queries;
    let weakThreshold = plan.weak;
    let strongThreshold = plan.strong;
    try {
      if (plan.calibration) {
        const { n, alpha, delta } = plan.calibration;
        calibration = await calibrateThresholds({ queries: queries.slice(0, n), weak, strong, alpha, delta, signal });
        ({ weakThreshold, strongThreshold } = calibration);
        online = queries.slice(n);
      }
      const result = await runInterCascade({ queries: online, stages: [{ model: weak, threshold: weakThreshold }, { model: strong, threshold: strongThreshold }], k, repository, signal });
      const allCalls = [...(calibration?.calls.flatMap((c) => [c.weak, c.strong]) ?? []), ...result.trace.flatMap((t) => t.calls)];
      if (allCalls.length > 0 && allCalls.every((c) => c.error !== null)) throw new CliError(`every model call failed; first: ${allCalls[0].error}`, 1);
      if (repoFile !== undefined) await saveRepository(repoFile, repository.entries);
      const warnings = [...(calibration?.warnings ?? []), ...result.warnings];
      let logWritten: { file: string; records: number } | null = null;
      if (out !== undefined) {
        const logged = formatRunEvalLog(queries, calibration?.calls ?? [], result.trace);
        await writeFileAtomic(out, logged.text);
        logWritten = { file: out, records: logged.written };
        if (logged.leftOut) warnings.push(`${logged.leftOut} model call(s) not in the log (no gold answer, or the call failed)`);
      }
      const summary = {
        n: result.n,
        n_gold: result.nGold,
        weak_threshold: weakThreshold,
        strong_threshold: strongThreshold,
        calibration: calibration && plan.calibration ? { n: plan.calibration.n, alpha: plan.calibration.alpha, delta: plan.calibration.delta, weak_upper_bound: calibration.guarantee.weak.upperBound, strong_upper_bound: calibration.guarantee.strong.upperBound } : null,
        weak_accuracy: result.weakAccuracy,
        weak_correct_accepted: result.weakCorrectAccepted,
        overall_accuracy: result.overallAccuracy,
        risk_accepted: result.riskAccepted,
        strong_call_rate: result.strongCallRate,
        abstention_rate: result.abstentionRate,
        coverage: result.coverage,
        total_cost_usd: result.totalCostUsd,
        strategies_added: result.strategiesAdded,
        repository_size: result.repositorySize,
        log: logWritten,
      };
      for (const w of warnings) report.warn(w);
      if (json) return summary;
      const thr = (t: number | null) => (t === null ? 'never accepts' : `accepts at confidence ≥ ${fmt(t, 4)}`);
      return [
        `Inter-Cascade ${weakName} → ${strongName} → abstain on ${result.n} queries (${result.nGold} with gold answers), k = ${k}`,
        calibration && plan.calibration ? `thresholds from the risk guarantee on ${plan.calibration.n} calibration queries (α = ${plan.calibration.alpha}, δ = ${plan.calibration.delta})` : 'thresholds given on the command line',
        `${weakName}: ${thr(weakThreshold)}; ${strongName}: ${thr(strongThreshold)}`,
        `weak accuracy ${fmt(result.weakAccuracy, 4)} (correct and kept ${fmt(result.weakCorrectAccepted, 4)}), overall accuracy ${fmt(result.overallAccuracy, 4)}, risk among kept answers ${fmt(result.riskAccepted, 4)}`,
        `strong-call rate ${fmt(result.strongCallRate, 4)}, abstention rate ${fmt(result.abstentionRate, 4)}, total cost ${result.totalCostUsd === null ? '- (no prices or usage)' : `$${fmt(result.totalCostUsd, 6)}`}`,
        `strategies: ${result.strategiesAdded} added, repository ${startSize} → ${result.repositorySize}${repoFile ? ` (saved to ${repoFile})` : ''}`,
        ...(logWritten ? [`eval log: ${logWritten.records} records written to ${logWritten.file}`] : []),
      ].join('\n');
    } catch (e) {
      if (signal.aborted) throw new CliError('cancelled', 130);
      // Model calls that fail are counted as unsure answers; what still throws is the retrieval (the embedding model).
      if (e instanceof LlmError) throw new CliError(e.message, 1);
      throw e;
    }
  },
};
