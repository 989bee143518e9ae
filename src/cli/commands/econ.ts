import { prepareEconomics } from '../../engines/economics/prepareEconomics';
import { recordExtraMetrics } from '../../engines/economics/recordExtraMetrics';
import { buildPriceGrid, defaultMapAxes, linSpace, logSpace, type PriceAxes } from '../../engines/economics/priceGrid';
import { gridReport, type GridReportRow } from '../../engines/economics/gridReport';
import { criticalPriceTable, type CriticalPriceRow } from '../../engines/economics/criticalPrices';
import { recommendationText, usd } from '../../engines/economics/recommendationText';
import { rewardUncertainty, type RewardUncertainty } from '../../engines/economics/rewardUncertainty';
import { formatP } from '../../engines/uncertainty/intervals';
import { BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE, bootstrapOptions } from '../bootstrapOptions';
import { uncertaintyJson } from '../uncertaintyJson';
import { CliError } from '../cliError';
import { loadLogs } from '../loadLogs';
import { fmt, formatTable } from '../format';
import type { CliCommand } from '../command';
import { econMapOutput, parseMapSize } from './econMapOutput';

const SETS = ['models', 'cascades', 'all'] as const;

export const econCommand: CliCommand = {
  name: 'econ',
  usage: `econ <log...> [--train-split train] [--test-split test] --price-error a,b,... [--price-latency x,y,...] [--price-abstain z] [--price-metric name=p,...] [--candidates models|cascades|all] [--map [--map-size N]] ${BOOTSTRAP_USAGE} [--prices prices.json] [--json]`,
  help: [
    'Economic evaluation (thesis ch. 3): the expected reward −(cost + λ_L·latency + λ_E·error + λ_A·abstention) per query of every',
    '      candidate on the test split, cascade/router thresholds tuned on the train split, and the best system per price combination.',
    '      Candidates: every model, every two-model cascade small>big, and the cascade of all models (Rational Tuning thresholds).',
    '      Prices: error and abstention in $ per event, latency in $ per second. Routers with abstention join "all" when --price-abstain is given.',
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
  options: {
    'train-split': { type: 'string' },
    'test-split': { type: 'string' },
    'price-error': { type: 'string' },
    'price-latency': { type: 'string' },
    'price-abstain': { type: 'string' },
    'price-metric': { type: 'string' },
    candidates: { type: 'string' },
    map: { type: 'boolean' },
    'map-size': { type: 'string' },
    ...BOOTSTRAP_OPTIONS,
  },
  async run({ positionals, values, json, signal, report }) {
    const set = (values.candidates as string | undefined) ?? 'all';
    if (!(SETS as readonly string[]).includes(set)) throw new CliError(`--candidates must be one of ${SETS.join(', ')}, got "${set}"`);
    const map = Boolean(values.map);
    if (!map && values['map-size'] !== undefined) throw new CliError('--map-size needs --map');
    const mapSize = parseMapSize(values['map-size']);
    const boot = bootstrapOptions(values);
    if (map && boot.given && boot.replicates > 0) report.warn(`--bootstrap: no intervals with --map (${mapSize * mapSize} price combinations); give the prices without --map for intervals.`);
    const errorPrices = parseList(values['price-error'], '--price-error');
    const latencyPrices = parseList(values['price-latency'], '--price-latency');
    const abstainPrices = parseList(values['price-abstain'], '--price-abstain');
    if (!map && errorPrices === null) throw new CliError('--price-error is required (comma-separated $ per error, e.g. 0.01,1,100), unless --map is given');
    if (abstainPrices && abstainPrices.length > 1) throw new CliError('--price-abstain takes one value');
    const axes: PriceAxes = map
      ? { error: denseAxis(errorPrices, defaultMapAxes(mapSize).error, true, mapSize), latency: denseAxis(latencyPrices, defaultMapAxes(mapSize).latency, false, mapSize), abstain: abstainPrices ?? [0] }
      : { error: errorPrices as number[], latency: latencyPrices ?? [0], abstain: abstainPrices ?? [0] };
    const metricPrices = parseMetricPrices(values['price-metric']);
    const trainSplit = values['train-split'] as string | undefined;
    const testSplit = values['test-split'] as string | undefined;
    // Single models fit nothing: only cascades and routers need a split to tune their thresholds on.
    const logs = await loadLogs(positionals, values, report, set === 'models' ? { signal } : { fit: { trainSplit, testSplit }, signal });
    let prep;
    try {
      const extras = recordExtraMetrics(logs.records, Object.keys(metricPrices));
      prep = prepareEconomics(logs.records, {
        extras,
        trainSplit,
        testSplit,
        set: set as (typeof SETS)[number],
        routers: set === 'all' && abstainPrices !== null,
        signal,
      });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    if (prep.candidates.length === 0) throw new CliError(`no candidate system could be built (${prep.warnings.join(' ') || 'no models'})`);
    if (map) {
      for (const w of prep.warnings) report.warn(w);
      const out = econMapOutput({ candidates: prep.candidates, metrics: prep.metrics, errorAxis: axes.error, latencyAxis: axes.latency, abstain: axes.abstain[0], metricPrices, nTrain: prep.train.n, nTest: prep.test.n, signal }, json);
      return out;
    }
    const grid = buildPriceGrid(axes, prep.metrics, metricPrices);
    const evaluated = gridReport(prep.candidates, grid, signal);
    for (const w of prep.warnings) report.warn(w);
    const priced = Object.keys(metricPrices).length > 0;
    const uncertainty = boot.replicates === 0 ? null : grid.combos.map((c) => rewardUncertainty(prep, { ...metricPrices, error: c.error, latency: c.latency, abstain: c.abstain }, { replicates: boot.replicates, seed: boot.seed, signal }));
    if (json) return { grid: evaluated.grid.map((row, i) => ({ ...row, ...(priced ? { price_metrics: metricPrices } : {}), ...(uncertainty ? uncertaintyJson(uncertainty[i]) : {}) })) };
    const critical = criticalPriceTable(prep.candidates, prep.metrics, axes.latency, { abstain: axes.abstain[0], extraPrices: metricPrices });
    return formatText(evaluated.grid, prep.candidates.map((c) => c.name), prep.test.n, prep.train.n, critical, uncertainty);
  },
};

/** `name=price,...` with prices ≥ 0 and names other than the built-in metrics; {} when not given. */
function parseMetricPrices(raw: unknown): Record<string, number> {
  if (raw === undefined) return {};
  const out: Record<string, number> = {};
  for (const part of String(raw).split(',')) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(part);
    const v = m ? Number(m[2]) : Number.NaN;
    if (!m || !Number.isFinite(v) || v < 0) throw new CliError(`--price-metric: "${part.trim()}" is not name=price with a price >= 0 (e.g. toxicity=0.5,pii_leak=200)`);
    if (m[1] === 'cost') throw new CliError('--price-metric: cost is counted in dollars already');
    if (['latency', 'error', 'abstain'].includes(m[1])) throw new CliError(`--price-metric: "${m[1]}" is a built-in metric; use --price-${m[1]}`);
    out[m[1]] = v;
  }
  return out;
}

/** Comma-separated prices ≥ 0; null when the option was not given. */
function parseList(raw: unknown, flag: string): number[] | null {
  if (raw === undefined) return null;
  const parts = String(raw).split(',').map((s) => s.trim());
  return parts.map((p) => {
    const v = Number(p);
    if (p === '' || !Number.isFinite(v) || v < 0) throw new CliError(`${flag}: "${p}" is not a price >= 0 (give comma-separated numbers, e.g. 0.01,1,100)`);
    return v;
  });
}

/** The map's axis: `size` values over the range of the given prices (≥ 2 distinct values), else the default axis. */
function denseAxis(given: number[] | null, fallback: number[], log: boolean, size: number): number[] {
  if (!given || new Set(given).size < 2) return fallback;
  const lo = Math.min(...given);
  const hi = Math.max(...given);
  if (log && lo <= 0) throw new CliError('--map spaces prices of error on a log scale: give values > 0');
  return log ? logSpace(lo, hi, size) : linSpace(lo, hi, size);
}

function formatText(rows: GridReportRow[], names: string[], nTest: number, nTrain: number, critical: CriticalPriceRow[], uncertainty: RewardUncertainty[] | null): string {
  const lines = [`${names.length} candidates; thresholds tuned on ${nTrain} train queries, rewards on ${nTest} test queries ($ per query).`];
  const table = rows.map((r, i) => {
    const ranked = Object.entries(r.rewards).sort((a, b) => b[1] - a[1]);
    const second = ranked[1];
    const vs = uncertainty?.[i].candidates[1]?.vs_best;
    const sure = vs && uncertainty ? [`${usd(vs.ci_low)} to ${usd(vs.ci_high)}`, vs.identical ? 'identical' : `${vs.verdict} (${formatP(vs.p_value, uncertainty[i].replicates)})`] : [];
    return [fmt(r.price_error, 4, 'e'), fmt(r.price_latency * 60, 4), fmt(r.price_abstain, 4, 'e'), r.best, fmt(ranked[0][1], 8, 'e'), second ? second[0] : '-', second ? fmt(ranked[0][1] - second[1], 6, 'e') : '-', ...(uncertainty ? (sure.length ? sure : ['-', '-']) : [])];
  });
  lines.push(formatTable(['λ_E $/error', 'λ_L $/min', 'λ_A $', 'best', 'reward', 'runner-up', 'margin', ...(uncertainty ? ['margin 95% CI', 'best vs runner-up'] : [])], table));
  uncertainty?.forEach((u, i) => {
    const r = rows[i];
    const text = recommendationText(u);
    lines.push('', `At λ_E = ${usd(r.price_error)} per error, λ_L = ${usd(r.price_latency * 60)} per minute, λ_A = ${usd(r.price_abstain)} per abstention:`, `  ${text.headline}`, ...text.details.map((d) => `  - ${d}`));
  });
  if (uncertainty) lines.push('');
  for (const row of critical) {
    lines.push(`Best system as the price of error rises (exact switch points), λ_L = $${fmt(row.priceLatency * 60, 4)}/min${critical.length && rows[0].price_abstain ? `, λ_A = $${rows[0].price_abstain}` : ''}:`);
    lines.push(...row.regimes.map((g) => `  λ_E in [${fmt(g.from, 8, 'e')}, ${Number.isFinite(g.to) ? fmt(g.to, 8, 'e') : '∞'}): ${g.best}`));
  }
  return lines.join('\n');
}
