/**
 * `costrisk econ --map`: the optimal-model map (thesis Figure 3.4) over a dense λ_E × λ_L grid, as
 * text (the share of the map each system wins) or as compact JSON (compactOptimalModelMap: per-cell
 * integers as runs, rewards as base64 float64), never one object per cell.
 */
import type { Candidate, MetricSpec } from '../../engines/economics/types';
import { optimalModelMap } from '../../engines/economics/optimalModelMap';
import {
  encodeOptimalModelMap,
  MAX_MAP_CELLS,
  type CompactOptimalModelMap,
} from '../../protocol/compactOptimalModelMap';
import { formatTable } from '../format';
import { CliError } from '../cliError';
import { formatFixed } from '../../protocol/format';

/** Default points per axis, and the most the CLI accepts (a 1000 × 1000 map is 1,000,000 cells). */
export const MAP_SIZE = 100;
export const MAX_MAP_SIZE = 1000;

/** `--map-size N`: an integer from 2 to MAX_MAP_SIZE; MAP_SIZE when not given. */
export function parseMapSize(raw: unknown): number {
  if (raw === undefined) return MAP_SIZE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 2 || n > MAX_MAP_SIZE || n * n > MAX_MAP_CELLS)
    throw new CliError(
      `--map-size: "${String(raw)}" is not a whole number of points per axis from 2 to ${MAX_MAP_SIZE}`,
    );
  return n;
}

export interface EconMapInput {
  candidates: readonly Candidate[];
  metrics: readonly MetricSpec[];
  errorAxis: number[];
  latencyAxis: number[];
  abstain: number;
  metricPrices: Readonly<Record<string, number>>;
  nTrain: number;
  nTest: number;
  signal?: AbortSignal;
}

/** The JSON form: system names (indices of `map.best` and `map.runnerUp`), the compact map, the fixed prices. */
export type EconMapJson = {
  systems: string[];
  map: CompactOptimalModelMap;
  price_metrics?: Readonly<Record<string, number>>;
};

/** Computes the map; `json` picks the compact JSON object, else the text summary. */
export function econMapOutput(input: EconMapInput, json: boolean): EconMapJson | string {
  const names = input.candidates.map((c) => c.name);
  // The exact switch points only go to JSON: the text shows the shares.
  const map = optimalModelMap(input.candidates, input.metrics, {
    errorAxis: input.errorAxis,
    latencyAxis: input.latencyAxis,
    abstain: input.abstain,
    extraPrices: input.metricPrices,
    boundaries: json,
    signal: input.signal,
  });
  if (json)
    return {
      systems: names,
      map: encodeOptimalModelMap(map),
      ...(Object.keys(input.metricPrices).length ? { price_metrics: input.metricPrices } : {}),
    };
  const wins = new Map<number, number>();
  for (const k of map.best) wins.set(k, (wins.get(k) ?? 0) + 1);
  const cells = map.best.length;
  return [
    `${names.length} candidates; thresholds tuned on ${input.nTrain} train queries, rewards on ${input.nTest} test queries ($ per query).`,
    `${input.errorAxis.length} x ${input.latencyAxis.length} = ${cells} price combinations; share of the map won by each system:`,
    formatTable(
      ['system', 'share'],
      [...wins].sort((a, b) => b[1] - a[1]).map(([k, w]) => [names[k], formatFixed(w / cells, 3)]),
    ),
  ].join('\n');
}
