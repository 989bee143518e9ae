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

const SETS = ['models', 'cascades', 'all'] as const;
const MAP_SIZE = 100;

export const econCommand: CliCommand = {
  name: 'econ',
  usage: `econ <log...> [--train-split train] [--test-split test] --price-error a,b,... [--price-latency x,y,...] [--price-abstain z] [--price-metric name=p,...] [--candidates models|cascades|all] [--routers [--router-cost c0] [--router-latency l0]] [--map] ${BOOTSTRAP_USAGE} [--prices prices.json] [--json]`,
  help: [
    'Economic evaluation (thesis ch. 3): the expected reward −(cost + λ_L·latency + λ_E·error + λ_A·abstention) per query of every',
    '      candidate on the test split, cascade/router thresholds tuned on the train split, and the best system per price combination.',
    '      Candidates: every model, every two-model cascade small>big, and the cascade of all models (Rational Tuning thresholds).',
    '      Prices: error and abstention in $ per event, latency in $ per second. Models with abstention (model+abstain: one model answers,',
    '      its answer withheld below a confidence threshold) join "all" when --price-abstain is given.',
    '      --routers: also one-step routers (eqs. 3.8-3.9), router(a|b) over every pair of models and over all models: each query goes to',
    '      the cheapest model whose calibrated confidence (fitted on train) reaches a threshold tuned on train, else to the likeliest-right',
    '      one; with --price-abstain also router(...)+abstain, which abstains when even that one is too unsure. The router is handed each',
    '      model\'s calibrated confidence before calling it: its reward is that of a router predicting those confidences perfectly.',
    '      --router-cost c0 ($ per query) and --router-latency l0 (s per query): the overhead of each routing decision (default 0).',
    '      --price-metric toxicity=0.5,pii_leak=200: prices of further per-query fields of the log (eq. 3.11): true/false fields in $ per event',
    '      (a cascade has the event when any model it called had it), numeric fields in $ per unit (summed over the models called).',
    '      --map: a dense 100 x 100 grid over the given price ranges (default $0.0001-$10,000 per error x $0-$10 per minute).',
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
    routers: { type: 'boolean' },
    'router-cost': { type: 'string' },
    'router-latency': { type: 'string' },
    map: { type: 'boolean' },
    ...BOOTSTRAP_OPTIONS,
  },
  async run({ positionals, values, json, signal, report }) {
    const set = (values.candidates as string | undefined) ?? 'all';
    if (!(SETS as readonly string[]).includes(set)) throw new CliError(`--candidates must be one of ${SETS.join(', ')}, got "${set}"`);
    const map = Boolean(values.map);
    const boot = bootstrapOptions(values);
    if (map && boot.given && boot.replicates > 0) report.warn('--bootstrap: no intervals with --map (10,000 price combinations); give the prices without --map for intervals.');
    const errorPrices = parseList(values['price-error'], '--price-error');
    const latencyPrices = parseList(values['price-latency'], '--price-latency');
    const abstainPrices = parseList(values['price-abstain'], '--price-abstain');
    if (!map && errorPrices === null) throw new CliError('--price-error is required (comma-separated $ per error, e.g. 0.01,1,100), unless --map is given');
    if (abstainPrices && abstainPrices.length > 1) throw new CliError('--price-abstain takes one value');
    const axes: PriceAxes = map
      ? { error: denseAxis(errorPrices, defaultMapAxes(MAP_SIZE).error, true), latency: denseAxis(latencyPrices, defaultMapAxes(MAP_SIZE).latency, false), abstain: abstainPrices ?? [0] }
      : { error: errorPrices as number[], latency: latencyPrices ?? [0], abstain: abstainPrices ?? [0] };
    const metricPrices = parseMetricPrices(values['price-metric']);
    const routers = Boolean(values.routers);
    const overhead = { cost: parseOverhead(values['router-cost'], '--router-cost'), latency: parseOverhead(values['router-latency'], '--router-latency') };
    if (!routers && (values['router-cost'] !== undefined || values['router-latency'] !== undefined)) throw new CliError('--router-cost and --router-latency set the routers\' overhead: add --routers');
    const trainSplit = values['train-split'] as string | undefined;
    const testSplit = values['test-split'] as string | undefined;
    // Single models fit nothing: only cascades, routers and models with abstention need a split to tune their thresholds on.
    const logs = await loadLogs(positionals, values, report, set === 'models' && !routers ? { signal } : { fit: { trainSplit, testSplit }, signal });
    let prep;
    try {
      const extras = recordExtraMetrics(logs.records, Object.keys(metricPrices));
      prep = prepareEconomics(logs.records, {
        extras,
        trainSplit,
        testSplit,
        set: set as (typeof SETS)[number],
        abstention: set === 'all' && abstainPrices !== null,
        routers,
        routerAbstention: abstainPrices !== null,
        routerOverhead: overhead,
        signal,
      });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    if (prep.candidates.length === 0) throw new CliError(`no candidate system could be built (${prep.warnings.join(' ') || 'no models'})`);
    const grid = buildPriceGrid(axes, prep.metrics, metricPrices);
    const evaluated = gridReport(prep.candidates, grid, signal);
    for (const w of prep.warnings) report.warn(w);
    const priced = Object.keys(metricPrices).length > 0;
    const uncertainty = map || boot.replicates === 0 ? null : grid.combos.map((c) => rewardUncertainty(prep, { ...metricPrices, error: c.error, latency: c.latency, abstain: c.abstain }, { replicates: boot.replicates, seed: boot.seed, signal }));
    if (json) return { grid: evaluated.grid.map((row, i) => ({ ...row, ...(priced ? { price_metrics: metricPrices } : {}), ...(uncertainty ? uncertaintyJson(uncertainty[i]) : {}) })) };
    const critical = map ? [] : criticalPriceTable(prep.candidates, prep.metrics, axes.latency, { abstain: axes.abstain[0], extraPrices: metricPrices });
    return formatText(evaluated.grid, prep.candidates.map((c) => c.name), prep.test.n, prep.train.n, map, critical, uncertainty);
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

/** One overhead value ≥ 0 (dollars or seconds per query); 0 when the option was not given. */
function parseOverhead(raw: unknown, flag: string): number {
  if (raw === undefined) return 0;
  const text = String(raw).trim();
  const v = Number(text);
  if (text === '' || !Number.isFinite(v) || v < 0) throw new CliError(`${flag}: "${text}" is not a number >= 0 (one value per query, e.g. 0.0001)`);
  return v;
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

/** The map's axis: MAP_SIZE values over the range of the given prices (≥ 2 distinct values), else the default axis. */
function denseAxis(given: number[] | null, fallback: number[], log: boolean): number[] {
  if (!given || new Set(given).size < 2) return fallback;
  const lo = Math.min(...given);
  const hi = Math.max(...given);
  if (log && lo <= 0) throw new CliError('--map spaces prices of error on a log scale: give values > 0');
  return log ? logSpace(lo, hi, MAP_SIZE) : linSpace(lo, hi, MAP_SIZE);
}

function formatText(rows: GridReportRow[], names: string[], nTest: number, nTrain: number, map: boolean, critical: CriticalPriceRow[], uncertainty: RewardUncertainty[] | null): string {
  const lines = [`${names.length} candidates; thresholds tuned on ${nTrain} train queries, rewards on ${nTest} test queries ($ per query).`];
  if (map) {
    const wins = new Map<string, number>();
    for (const r of rows) wins.set(r.best, (wins.get(r.best) ?? 0) + 1);
    lines.push(`${rows.length} price combinations; share of the map won by each system:`);
    lines.push(formatTable(['system', 'share'], [...wins].sort((a, b) => b[1] - a[1]).map(([n, w]) => [n, fmt(w / rows.length, 3)])));
  } else {
    const table = rows.map((r, i) => {
      const ranked = Object.entries(r.rewards).sort((a, b) => b[1] - a[1]);
      const second = ranked[1];
      const vs = uncertainty?.[i].candidates[1]?.vs_best;
      const sure = vs && uncertainty ? [`${usd(vs.ci_low)} to ${usd(vs.ci_high)}`, vs.identical ? 'identical' : `${vs.verdict} (${formatP(vs.p_value, uncertainty[i].replicates)})`] : [];
      return [fmt(r.price_error, 4, 'e'), fmt(r.price_latency * 60, 4), fmt(r.price_abstain, 4, 'e'), r.best, fmt(ranked[0][1], 8, 'e'), second ? second[0] : '-', second ? fmt(ranked[0][1] - second[1], 6, 'e') : '-', ...(uncertainty ? (sure.length ? sure : ['-', '-']) : [])];
    });
    lines.push(formatTable(['λ_E $/error', 'λ_L $/min', 'λ_A $', 'best', 'reward', 'runner-up', 'margin', ...(uncertainty ? ['margin 95% CI', 'best vs runner-up'] : [])], table));
  }
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
