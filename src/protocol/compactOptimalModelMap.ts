/**
 * The optimal-model map as it travels from the worker to its view: per-cell integer arrays as runs
 * and per-cell rewards as base64 float64 (compactArrays), instead of one JSON number per cell and
 * field. A 400 × 400 map is then a few MB rather than tens.
 */
import type { MapBoundary, OptimalModelMap } from '../engines/economics/optimalModelMap';
import { decodeFloat64, decodeRuns, encodeFloat64, encodeRuns } from './compactArrays';

export interface CompactOptimalModelMap {
  errorAxis: number[];
  latencyAxis: number[];
  abstain: number;
  /** Runs `[value, count, ...]` over the cells, row-major (row = latency index). */
  best: number[];
  runnerUp: number[];
  bestPoint: number[];
  /** Base64 of little-endian float64, one value per cell. */
  bestReward: string;
  margin: string;
  boundaries: MapBoundary[][];
}

/** Encodes a computed map for a message. */
export function encodeOptimalModelMap(m: OptimalModelMap): CompactOptimalModelMap {
  return {
    errorAxis: m.errorAxis,
    latencyAxis: m.latencyAxis,
    abstain: m.abstain,
    best: encodeRuns(m.best),
    runnerUp: encodeRuns(m.runnerUp),
    bestPoint: encodeRuns(m.bestPoint),
    bestReward: encodeFloat64(m.bestReward),
    margin: encodeFloat64(m.margin),
    boundaries: m.boundaries,
  };
}

/** Largest map a message may carry (cells), so a damaged one cannot make the view allocate without bound. */
export const MAX_MAP_CELLS = 4_000_000;

/**
 * Decodes and checks a map for `systems` candidates: finite axes, cell arrays of the right length
 * with indices in range, boundaries that name existing rows and systems.
 * @throws an Error naming the first field that is wrong.
 */
export function decodeOptimalModelMap(x: unknown, systems: number): OptimalModelMap {
  if (typeof x !== 'object' || x === null) throw new Error('map: expected an object');
  const o = x as Record<string, unknown>;
  const errorAxis = finiteList(o.errorAxis, 'map.errorAxis');
  const latencyAxis = finiteList(o.latencyAxis, 'map.latencyAxis');
  const cells = errorAxis.length * latencyAxis.length;
  if (cells > MAX_MAP_CELLS) throw new Error(`map: ${cells} cells, more than ${MAX_MAP_CELLS}`);
  if (typeof o.abstain !== 'number' || !Number.isFinite(o.abstain))
    throw new Error('map.abstain: expected a finite number');
  const system = { min: 0, max: systems - 1 };
  const best = decodeRuns(o.best, cells, system, 'map.best');
  const runnerUp = decodeRuns(o.runnerUp, cells, { min: -1, max: systems - 1 }, 'map.runnerUp');
  const bestPoint = decodeRuns(o.bestPoint, cells, { min: 0, max: 2 ** 31 - 1 }, 'map.bestPoint');
  const bestReward = decodeFloat64(o.bestReward, cells, 'map.bestReward');
  const margin = decodeFloat64(o.margin, cells, 'map.margin');
  if (!Array.isArray(o.boundaries) || o.boundaries.length !== latencyAxis.length)
    throw new Error(`map.boundaries: expected one list per row (${latencyAxis.length})`);
  const boundaries = o.boundaries.map((row: unknown, r) => {
    if (!Array.isArray(row)) throw new Error(`map.boundaries[${r}]: expected a list`);
    return row.map((b: unknown, i): MapBoundary => {
      const at = `map.boundaries[${r}][${i}]`;
      const v = (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
      if (
        v.row !== r ||
        typeof v.price !== 'number' ||
        !Number.isFinite(v.price) ||
        !isIndex(v.below, systems) ||
        !isIndex(v.above, systems)
      )
        throw new Error(`${at}: expected { row: ${r}, price, below, above } with system indices below ${systems}`);
      return { row: r, price: v.price, below: v.below, above: v.above };
    });
  });
  return { errorAxis, latencyAxis, abstain: o.abstain, best, runnerUp, bestPoint, bestReward, margin, boundaries };
}

function finiteList(v: unknown, what: string): number[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
    throw new Error(`${what}: expected a non-empty list of finite numbers`);
  return v as number[];
}

const isIndex = (v: unknown, n: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n;
