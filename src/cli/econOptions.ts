import { CANDIDATE_SETS, type CandidateSet, type EconomicSettings } from '../engines/economics/economicAnalysis';
import { defaultMapAxes, linSpace, logSpace, type PriceAxes } from '../engines/economics/priceGrid';
import { bootstrapOptions } from './bootstrapOptions';
import { CliError } from './cliError';
import type { CliCommand } from './command';
import type { CliReport } from './cliReport';
import { isPrice, MAX_PRICE } from '../engines/economics/priceWeights';
import { maxOf, minOf } from '../shared/arrays';
import { setOwn } from '../shared/ownProperties';
import { parseMapSize } from './commands/econMapOutput';
import { groupDigits } from '../shared/text/groupDigits';

/** Price combinations evaluated at most (each is one row of rewards for every candidate). */
const MAX_COMBINATIONS = 1_000_000;

/** The price and candidate options of `costrisk econ` (and `costrisk report`, which takes them all but --map). */
export const ECON_PRICE_OPTIONS: CliCommand['options'] = {
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
};

/**
 * The economic evaluation's settings from the command line, checked (a CliError names the bad
 * option). `defaultErrorPrices`: used when --price-error is not given (else it is required unless --map).
 */
export function economicSettings(
  values: Record<string, unknown>,
  report: CliReport,
  defaultErrorPrices?: number[],
): EconomicSettings {
  const set = (values.candidates as string | undefined) ?? 'all';
  if (!(CANDIDATE_SETS as readonly string[]).includes(set))
    throw new CliError(`--candidates must be one of ${CANDIDATE_SETS.join(', ')}, got "${set}"`);
  const map = Boolean(values.map);
  if (!map && values['map-size'] !== undefined) throw new CliError('--map-size needs --map');
  const mapSize = parseMapSize(values['map-size']);
  const boot = bootstrapOptions(values);
  if (map && boot.given && boot.replicates > 0)
    report.warn(
      `--bootstrap: no intervals with --map (${groupDigits(mapSize * mapSize)} price combinations); give the prices without --map for intervals.`,
    );
  const errorPrices = parseList(values['price-error'], '--price-error') ?? defaultErrorPrices ?? null;
  const latencyPrices = parseList(values['price-latency'], '--price-latency');
  const abstainPrices = parseList(values['price-abstain'], '--price-abstain');
  if (!map && errorPrices === null)
    throw new CliError(
      '--price-error is required (comma-separated $ per error, e.g. 0.01,1,100), unless --map is given',
    );
  if (abstainPrices && abstainPrices.length > 1) throw new CliError('--price-abstain takes one value');
  const defaults = map ? defaultMapAxes(mapSize) : null;
  const axes: PriceAxes = defaults
    ? {
        error: denseAxis(errorPrices, defaults.error, true, mapSize),
        latency: denseAxis(latencyPrices, defaults.latency, false, mapSize),
        abstain: abstainPrices ?? [0],
      }
    : { error: errorPrices as number[], latency: latencyPrices ?? [0], abstain: abstainPrices ?? [0] };
  const combinations = map ? 0 : axes.error.length * axes.latency.length * axes.abstain.length;
  if (combinations > MAX_COMBINATIONS)
    throw new CliError(
      `--price-error, --price-latency and --price-abstain give ${groupDigits(combinations)} price combinations; at most ${groupDigits(MAX_COMBINATIONS)} are evaluated (use --map for a dense grid)`,
    );
  const routers = Boolean(values.routers);
  if (!routers && (values['router-cost'] !== undefined || values['router-latency'] !== undefined))
    throw new CliError("--router-cost and --router-latency set the routers' overhead: add --routers");
  const routerOverhead = {
    cost: parseOverhead(values['router-cost'], '--router-cost'),
    latency: parseOverhead(values['router-latency'], '--router-latency'),
  };
  return {
    set: set as CandidateSet,
    map,
    axes,
    metricPrices: parseMetricPrices(values['price-metric']),
    trainSplit: values['train-split'] as string | undefined,
    testSplit: values['test-split'] as string | undefined,
    abstention: set === 'all' && abstainPrices !== null,
    routers,
    routerAbstention: abstainPrices !== null,
    routerOverhead,
    replicates: boot.replicates,
    seed: boot.seed,
  };
}

/** `name=price,...` with prices ≥ 0 and names other than the built-in metrics; {} when not given. */
function parseMetricPrices(raw: unknown): Record<string, number> {
  if (raw === undefined) return {};
  const out: Record<string, number> = {};
  for (const part of String(raw).split(',')) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(part);
    const v = m ? Number(m[2]) : Number.NaN;
    if (!m || !isPrice(v))
      throw new CliError(
        `--price-metric: "${part.trim()}" is not name=price with a price in [0, ${MAX_PRICE}] (e.g. toxicity=0.5,pii_leak=200)`,
      );
    if (m[1] === 'cost') throw new CliError('--price-metric: cost is counted in dollars already');
    if (['latency', 'error', 'abstain'].includes(m[1]))
      throw new CliError(`--price-metric: "${m[1]}" is a built-in metric; use --price-${m[1]}`);
    setOwn(out, m[1], v);
  }
  return out;
}

/** A router's overhead per query (--router-cost in $, --router-latency in s): a number ≥ 0; 0 when not given. */
function parseOverhead(raw: unknown, flag: string): number {
  if (raw === undefined) return 0;
  const text = String(raw).trim();
  const v = Number(text);
  if (text === '' || !isPrice(v))
    throw new CliError(`${flag}: "${text}" is not a number >= 0 (one value per query, e.g. 0.0001)`);
  return v;
}

/** Comma-separated prices ≥ 0; null when the option was not given. */
function parseList(raw: unknown, flag: string): number[] | null {
  if (raw === undefined) return null;
  const parts = String(raw)
    .split(',')
    .map((s) => s.trim());
  return parts.map((p) => {
    const v = Number(p);
    if (p === '' || !isPrice(v))
      throw new CliError(
        `${flag}: "${p}" is not a price in [0, ${MAX_PRICE}] (give comma-separated numbers, e.g. 0.01,1,100)`,
      );
    return v;
  });
}

/** The map's axis: `size` values over the range of the given prices (≥ 2 distinct values), else the default axis. */
function denseAxis(given: number[] | null, fallback: number[], log: boolean, size: number): number[] {
  if (!given || new Set(given).size < 2) return fallback;
  const lo = minOf(given);
  const hi = maxOf(given);
  if (log && lo <= 0) throw new CliError('--map spaces prices of error on a log scale: give values > 0');
  return log ? logSpace(lo, hi, size) : linSpace(lo, hi, size);
}
