import { hasNoConfidence, NO_CONFIDENCE_MESSAGE } from '../../engines/logs/confidencePresence';
import {
  economicAnalysis,
  economicCandidates,
  EconomicsInputError,
  type EconomicAnalysis,
  type EconomicSettings,
} from '../../engines/economics/economicAnalysis';
import type { GridReportRow } from '../../engines/economics/gridReport';
import type { CriticalPriceRow } from '../../engines/economics/criticalPrices';
import { recommendationText } from '../../engines/economics/recommendationText';
import type { RewardUncertainty } from '../../engines/economics/rewardUncertainty';
import { formatP } from '../../engines/uncertainty/intervals';
import { BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE } from '../bootstrapOptions';
import { ECON_PRICE_OPTIONS, economicSettings } from '../econOptions';
import { uncertaintyJson } from '../uncertaintyJson';
import { CliError } from '../cliError';
import { loadLogs } from '../loadLogs';
import { comparingRunsNote } from '../../engines/logs/runs';
import { formatTable } from '../format';
import { DASH, formatLatencyPrice, formatSystemName, formatUsd, isTie, mergeTieSlivers } from '../../protocol/format';
import type { CliCommand } from '../command';
import { appendAll } from '../../shared/arrays';
import { econMapOutput } from './econMapOutput';

export const econCommand: CliCommand = {
  name: 'econ',
  usage: `econ <log...> [--train-split train] [--test-split test] --price-error a,b,... [--price-latency x,y,...] [--price-abstain z] [--price-metric name=p,...] [--candidates models|cascades|all] [--routers [--router-cost c0] [--router-latency l0]] [--map [--map-size N]] ${BOOTSTRAP_USAGE} [--prices prices.json] [--json]`,
  help: [
    'Economic evaluation (thesis ch. 3): the expected reward −(cost + λ_L·latency + λ_E·error + λ_A·abstention) per query of every',
    '      candidate on the test split, cascade/router thresholds tuned on the train split, and the best system per price combination.',
    '      Candidates: every model, every two-model cascade small>big, and the cascade of all models (Rational Tuning thresholds).',
    '      Prices: error and abstention in $ per event, latency in $ per second. Models with abstention (model+abstain: one model answers,',
    '      its answer withheld below a confidence threshold) join "all" when --price-abstain is given.',
    '      --routers: also one-step routers (eqs. 3.8-3.9), router(a|b) over every pair of models and over all models: each query goes to',
    '      the cheapest model whose calibrated confidence (fitted on train) reaches a threshold tuned on train, else to the likeliest-right',
    '      one; with --price-abstain also router(...)+abstain, which abstains when even that one is too unsure. The router is handed each',
    "      model's calibrated confidence before calling it: its reward is that of a router predicting those confidences perfectly.",
    '      --router-cost c0 ($ per query) and --router-latency l0 (s per query): the overhead of each routing decision (default 0).',
    '      --price-metric toxicity=0.5,pii_leak=200: prices of further per-query fields of the log (eq. 3.11): true/false fields in $ per event',
    '      (a cascade has the event when any model it called had it), numeric fields in $ per unit (summed over the models called).',
    '      --map: the best system over a dense N x N grid (--map-size N, 2 to 1000, default 100) spanning the given price ranges',
    '      (default $0.0001-$10,000 per error, log-spaced, x $0-$10 per minute). With --json: {systems, map}, the map row by row',
    '      (row = price of latency): errorAxis, latencyAxis, abstain, best/runnerUp/bestPoint as runs [value, count, ...] of system',
    '      (operating-point) indices, bestReward/margin as base64 of little-endian float64 ($ per query), exact switch points per row.',
    '      Without --map, each price combination gets 95% intervals: a paired bootstrap over the test queries (--bootstrap B resamples,',
    '      default 2000, 0 for none; --seed S, default 1) of every reward, cost and error rate and of each difference to the best, with',
    '      thresholds fixed as chosen on train; the recommendation then says "better than X with 95% confidence" or "statistically tied".',
  ].join('\n'),
  readsLogs: true,
  options: { ...ECON_PRICE_OPTIONS, map: { type: 'boolean' }, 'map-size': { type: 'string' }, ...BOOTSTRAP_OPTIONS },
  async run({ positionals, values, json, signal, report }) {
    const asked = economicSettings(values, report);
    // Single models fit nothing: only cascades, routers and models with abstention need a split to tune their thresholds on.
    const logs = await loadLogs(
      positionals,
      values,
      report,
      asked.set === 'models' && !asked.routers
        ? { signal }
        : { fit: { trainSplit: asked.trainSplit, testSplit: asked.testSplit }, signal },
    );
    // Without any confidence only single models can be compared: say so once instead of a warning per model and cascade.
    // Runs compared (--runs) offer single models only too: a cascade across runs is not a system one can deploy.
    const noConfidence = hasNoConfidence(logs.records);
    const settings = logs.runs.length
      ? { ...asked, set: 'models' as const, routers: false, abstention: false }
      : noConfidence
        ? { ...asked, set: 'models' as const, routers: false }
        : asked;
    if (logs.runs.length) report.warn(comparingRunsNote(logs.runs));
    if (noConfidence) report.warn(NO_CONFIDENCE_MESSAGE);
    try {
      if (settings.map) {
        const prep = economicCandidates(logs.records, settings, signal);
        for (const w of prep.warnings) report.warn(w);
        const { axes, metricPrices } = settings;
        return econMapOutput(
          {
            candidates: prep.candidates,
            metrics: prep.metrics,
            errorAxis: axes.error,
            latencyAxis: axes.latency,
            abstain: axes.abstain[0],
            metricPrices,
            nTrain: prep.train.n,
            nTest: prep.test.n,
            signal,
          },
          json,
        );
      }
      const analysis = economicAnalysis(logs.records, settings, signal);
      const { prep, grid, uncertainty, critical } = analysis;
      for (const w of prep.warnings) report.warn(w);
      if (json) return { grid: econJsonRows(analysis, settings) };
      return formatText(
        grid,
        prep.candidates.map((c) => c.name),
        prep.test.n,
        prep.train.n,
        critical,
        uncertainty,
      );
    } catch (err) {
      if (err instanceof EconomicsInputError) throw new CliError(err.message);
      throw err;
    }
  },
};

/** The rows of `costrisk econ --json` (also what `costrisk report` checks its numbers against). */
export function econJsonRows(analysis: EconomicAnalysis, settings: EconomicSettings): Record<string, unknown>[] {
  const priced = Object.keys(settings.metricPrices).length > 0;
  return analysis.grid.map((row, i) => ({
    ...row,
    ...(priced ? { price_metrics: settings.metricPrices } : {}),
    ...(analysis.uncertainty ? uncertaintyJson(analysis.uncertainty[i]) : {}),
  }));
}

/** `costrisk econ` as text: the reward table, the recommendation at each price setting (with --bootstrap), and the exact switch points. */
function formatText(
  rows: GridReportRow[],
  names: string[],
  nTest: number,
  nTrain: number,
  critical: CriticalPriceRow[],
  uncertainty: RewardUncertainty[] | null,
): string {
  const tuned = names.some((n) => formatSystemName(n) !== n);
  const lines = [
    `${names.length} candidates; ${tuned ? `thresholds tuned on ${nTrain} train queries, ` : ''}rewards on ${nTest} test queries ($ per query).`,
  ];
  lines.push(
    formatTable(
      [
        'λ_E per error',
        'λ_L per min',
        'λ_A per abstention',
        'best',
        'reward per query',
        'runner-up',
        'margin',
        ...(uncertainty ? ['margin 95% CI', 'best vs runner-up'] : []),
      ],
      rows.map((r, i) => rewardRow(r, uncertainty?.[i] ?? null, uncertainty !== null)),
    ),
  );
  if (uncertainty) {
    appendAll(lines, recommendationLines(rows, uncertainty));
    lines.push('');
  }
  appendAll(lines, switchPointLines(critical, rows));
  return lines.join('\n');
}

/** One price setting's row: the prices, the best system and its reward, the runner-up and the margin (with its interval and test under --bootstrap). */
function rewardRow(r: GridReportRow, u: RewardUncertainty | null, withUncertainty: boolean): string[] {
  const ranked = Object.entries(r.rewards).sort((a, b) => b[1] - a[1]);
  const second = ranked[1];
  const vs = u?.candidates[1]?.vs_best;
  const sure =
    vs && u
      ? [
          `${formatUsd(vs.ci_low)} to ${formatUsd(vs.ci_high)}`,
          vs.identical ? 'identical' : `${vs.verdict} (${formatP(vs.p_value, u.replicates)})`,
        ]
      : [];
  const tie = second !== undefined && isTie(ranked[0][1], second[1]);
  return [
    formatUsd(r.price_error),
    formatUsd(r.price_latency * 60),
    formatUsd(r.price_abstain),
    formatSystemName(r.best),
    formatUsd(ranked[0][1]),
    second ? formatSystemName(second[0]) : DASH,
    second ? (tie ? 'tie' : formatUsd(ranked[0][1] - second[1])) : DASH,
    ...(withUncertainty ? (sure.length ? sure : [DASH, DASH]) : []),
  ];
}

/** Under --bootstrap: at each price setting, the recommendation in words and its details. */
function recommendationLines(rows: GridReportRow[], uncertainty: RewardUncertainty[]): string[] {
  return uncertainty.flatMap((u, i) => {
    const r = rows[i];
    const text = recommendationText(u);
    return [
      '',
      `At λ_E = ${formatUsd(r.price_error)} per error, λ_L = ${formatLatencyPrice(r.price_latency)}, λ_A = ${formatUsd(r.price_abstain)} per abstention:`,
      `  ${text.headline}`,
      ...text.details.map((d) => `  - ${d}`),
    ];
  });
}

/** For each latency price: the best system on each interval of the price of error, between its exact switch points. */
function switchPointLines(critical: CriticalPriceRow[], rows: GridReportRow[]): string[] {
  return critical.flatMap((row) => [
    `Best system as the price of error rises (exact switch points), λ_L = ${formatLatencyPrice(row.priceLatency)}${critical.length && rows[0].price_abstain ? `, λ_A = ${formatUsd(rows[0].price_abstain)}` : ''}:`,
    ...mergeTieSlivers(row.regimes).map(
      (g) =>
        `  λ_E in [${formatUsd(g.from)}, ${Number.isFinite(g.to) ? formatUsd(g.to) : '∞'}): ${formatSystemName(g.best)}${g.tied.length ? ` (tied at ${formatUsd(g.from)} with ${g.tied.map(formatSystemName).join(', ')})` : ''}`,
    ),
  ]);
}
