import { economicAnalysis, type EconomicSettings } from '../economics/economicAnalysis';
import { recommendationText, usd } from '../economics/recommendationText';
import type { EvalRecord } from '../logs/types';
import { summarizeModels } from '../logs/summarizeModels';
import { DEFAULT_REPLICATES } from '../uncertainty/intervals';
import { priceWords, type ReportData, type ReportFile } from './reportData';

/** Prices of error when none are given: a cheap, a moderate and an expensive mistake. */
export const REPORT_ERROR_PRICES: readonly number[] = [0.01, 1, 100];

/**
 * The economic settings of a report when nothing is chosen (what `costrisk report` uses with no
 * price option, and what the extension's Export Report uses): every candidate system, the prices
 * of error REPORT_ERROR_PRICES, no price of latency or abstention, the default bootstrap.
 */
export function defaultReportSettings(): EconomicSettings {
  return {
    set: 'all',
    map: false,
    axes: { error: [...REPORT_ERROR_PRICES], latency: [0], abstain: [0] },
    metricPrices: {},
    trainSplit: undefined,
    testSplit: undefined,
    abstention: false,
    routers: false,
    routerAbstention: false,
    routerOverhead: { cost: 0, latency: 0 },
    replicates: DEFAULT_REPLICATES,
    seed: 1,
  };
}

/** Prices a report is made at: $ per error and $ per second of latency (each one or more), $ per abstention or null when not priced. */
export interface ReportPrices {
  error: number[];
  latency: number[];
  abstain: number | null;
}

/** Most values of one price list (a report evaluates every combination). */
export const MAX_REPORT_PRICES = 20;

/**
 * The report's settings at `prices`, as `costrisk report --price-error … --price-latency …
 * [--price-abstain z]` sets them: a priced abstention adds the models with abstention.
 * @throws RangeError for an empty or too long list, or a price that is not a finite number ≥ 0.
 */
export function reportSettingsAt(prices: ReportPrices): EconomicSettings {
  const check = (xs: readonly number[], what: string): number[] => {
    if (xs.length === 0 || xs.length > MAX_REPORT_PRICES)
      throw new RangeError(`the ${what} must be 1 to ${MAX_REPORT_PRICES} values, got ${xs.length}`);
    for (const x of xs)
      if (!(typeof x === 'number' && Number.isFinite(x) && x >= 0))
        throw new RangeError(`the ${what} must be finite numbers ≥ 0, got ${String(x)}`);
    return [...xs];
  };
  const abstain = prices.abstain === null ? null : check([prices.abstain], 'price of abstention');
  return {
    ...defaultReportSettings(),
    axes: {
      error: check(prices.error, 'prices of error'),
      latency: check(prices.latency, 'prices of latency'),
      abstain: abstain ?? [0],
    },
    abstention: abstain !== null,
    routerAbstention: abstain !== null,
  };
}

/** How the records were read, for the report's settings table (the CLI's flags and the extension's settings say the same). */
export interface ReportReading {
  /** The token price file and its hash, or null. */
  priceFile: ReportFile | null;
  /** Token prices given inline (the extension's `costRiskLab.prices` setting), in words; null when none. */
  inlinePrices: string | null;
  priceDatabase: boolean;
  correctThreshold: number;
  /** The slice analysed ("task=mmlu, subject=anatomy"), or null for every record. */
  where: string | null;
  keepEpochs: boolean;
  trainFraction: number;
  splitSeed: number;
  /** The reader's choices that were given: [name, value], e.g. ['Inspect scorer', 'match']. */
  choices: [string, string][];
}

/** The reader's choices that were given, in words (the same options in the CLI and the extension's settings). */
export function readerChoices(o: {
  lmEvalMetric?: string;
  lmEvalFilter?: string;
  inspectScorer?: string;
  promptfooAssertion?: string;
}): [string, string][] {
  const named: [string, string | undefined][] = [
    ['lm-evaluation-harness metric', o.lmEvalMetric],
    ['lm-evaluation-harness filter', o.lmEvalFilter],
    ['Inspect AI scorer', o.inspectScorer],
    ['promptfoo assertion', o.promptfooAssertion],
  ];
  return named.filter((c): c is [string, string] => c[1] !== undefined);
}

/** Every setting that shaped the numbers, in words: how the log was read and the economic settings. */
export function reportSettingsList(s: EconomicSettings, r: ReportReading): [string, string][] {
  const list = (xs: readonly number[], f: (x: number) => string) => xs.map(f).join(', ');
  return [
    ['price of error λ_E ($ per wrong answer)', list(s.axes.error, usd)],
    ['price of latency λ_L ($ per minute)', list(s.axes.latency, (x) => usd(x * 60))],
    ['price of abstention λ_A ($ per abstention)', list(s.axes.abstain, usd)],
    [
      'prices of other log fields ($ per unit or event)',
      Object.entries(s.metricPrices)
        .map(([k, v]) => `${k} = ${usd(v)}`)
        .join(', ') || 'none',
    ],
    ['candidate systems', s.set + (s.routers ? ' (with routers that abstain)' : '')],
    ['train split / test split', `${s.trainSplit ?? 'train'} / ${s.testSplit ?? 'test'}`],
    ['bootstrap resamples / seed', `${s.replicates} / ${s.seed}`],
    ['token price file', r.priceFile ? `${r.priceFile.path} (SHA-256 ${r.priceFile.sha256})` : 'none'],
    ...(r.inlinePrices === null ? [] : [['token prices from the settings', r.inlinePrices] as [string, string]]),
    ['bundled price database for unpriced models', r.priceDatabase ? 'on (@pydantic/genai-prices)' : 'off'],
    ['correct when score ≥', String(r.correctThreshold)],
    ['records analysed', r.where ?? 'all'],
    ['repeats (epochs)', r.keepEpochs ? 'kept as separate queries' : 'averaged per query'],
    ['random split of logs without one: train share / seed', `${r.trainFraction} / ${r.splitSeed}`],
    ...r.choices,
  ];
}

/** One warning of the reading, as the CLI and the worker both have them. */
export interface ReadingWarning {
  file: string;
  line?: number | null;
  message: string;
}

/**
 * The report's warning lines: how many lines were skipped (and where they are listed: `listedBy`),
 * then each warning as "file:line: message".
 */
export function reportWarnings(skipped: number, warnings: readonly ReadingWarning[], listedBy: string): string[] {
  return [
    ...(skipped ? [`${skipped} line(s) of the logs skipped (${listedBy} lists them with reasons)`] : []),
    ...warnings.map((w) =>
      w.file ? `${w.file}${w.line !== undefined && w.line !== null ? `:${w.line}` : ''}: ${w.message}` : w.message,
    ),
  ];
}

/** What a report is made from: the records read, and how they were read. */
export interface ReportRequest {
  records: readonly EvalRecord[];
  adapter: string;
  settings: EconomicSettings;
  reading: ReportReading;
  /** The log files with their hashes. */
  files: ReportFile[];
  /** Cost-Risk Lab's version and the time of the report (ISO 8601). */
  version: string;
  generatedAt: string;
  /** Lines of the logs skipped, the reading's warnings, and what lists the skipped lines ("costrisk summary --json"). */
  skipped: number;
  warnings: readonly ReadingWarning[];
  listedBy: string;
  signal?: AbortSignal;
}

/** A report's data, the economic analysis's own warnings (for the caller to pass on), and the recommendation per price combination. */
export interface BuiltReport {
  data: ReportData;
  analysisWarnings: string[];
  /** The recommendation's headline per price combination ("Deploy X: …", or "Best: X." without intervals). */
  recommendations: string[];
  /** The same, each after its prices: "At λ_E = $1 per error, …: Deploy …". */
  headlines: string[];
}

/**
 * The report of `costrisk report` and of the extension's Export Report: the model overview of
 * `summary` and the economic evaluation of `econ` with its intervals, on the records given. Its
 * warnings: the reading's, then the analysis's.
 * @throws EconomicsInputError when the log does not allow the economic evaluation.
 */
export function buildReport(req: ReportRequest): BuiltReport {
  const { settings } = req;
  const economics = economicAnalysis(req.records, settings, req.signal);
  const analysisWarnings = [...economics.prep.warnings];
  const data: ReportData = {
    version: req.version,
    generatedAt: req.generatedAt,
    files: req.files,
    settings: reportSettingsList(settings, req.reading),
    records: req.records.length,
    adapter: req.adapter,
    models: summarizeModels(req.records, undefined, { replicates: settings.replicates, seed: settings.seed }),
    economics,
    warnings: reportWarnings(
      req.skipped,
      [...req.warnings, ...analysisWarnings.map((message) => ({ file: '', message }))],
      req.listedBy,
    ),
  };
  const recommendations = economics.grid.map((g, i) => {
    const u = economics.uncertainty?.[i];
    return u ? recommendationText(u).headline : `Best: ${g.best}.`;
  });
  return {
    data,
    analysisWarnings,
    recommendations,
    headlines: economics.grid.map((g, i) => `At ${priceWords(g, usd)}: ${recommendations[i]}`),
  };
}
