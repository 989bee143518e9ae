/**
 * Drill-down into a cell of the Optimal-Model Map (issue 14 item 2): the per-query rows of one
 * candidate system (a single model, a cascade, a model with abstention or a router) at one
 * operating point, rewarded at the cell's prices. The rows come from the same per-query walk the
 * economic engine averages ({@link systemTrace}), so the mean of their rewards is the cell's
 * expected reward and their wrong and abstained shares its error and abstention rates. Pure.
 */
import { joinByQuery } from '../logs/joinByQuery';
import type { EvalRecord } from '../logs/types';
import { priceWeights } from '../economics/priceWeights';
import { systemTrace } from '../economics/systemMeans';
import { ABSTAIN, ERROR, type Candidate, type MetricSpec, type Prices } from '../economics/types';
import { finiteOrNull, rowTexts, type QueryRow, type QueryTable } from './queryTable';

export interface SystemQueryOptions {
  candidate: Candidate;
  /** Index of the operating point θ among the candidate's points. */
  point: number;
  /** The priced metrics after cost (the candidate's row layout) and their prices. */
  metrics: readonly MetricSpec[];
  prices: Prices;
  /** The log's records, for each row's line and question. */
  records: readonly EvalRecord[];
  /** The split the candidate was scored on (undefined: every record). */
  testSplit: string | undefined;
  /** The candidate's test table holds recalibrated confidences (Rational-Tuning cascades, routers). */
  calibrated: boolean;
}

/**
 * One row per test query of `candidate` at operating point `point`: the model whose answer counts
 * (−1 when the system abstains), right or wrong, the cost and latency of every call made (router
 * overhead included; unknown values count as 0, as the engine counts them), and the dollars each
 * priced term takes from the reward. `pricing.reward` is the candidate's expected reward from its
 * precomputed means, summed in metric order as the map sums it.
 *
 * @throws when the candidate has no per-query test table or the point is out of range.
 */
export function systemQueryTable(opts: SystemQueryOptions): QueryTable {
  const { candidate: c, point, metrics } = opts;
  const table = c.testTable;
  if (!table) throw new Error(`${c.name} has no per-query test data`);
  if (!(Number.isInteger(point) && point >= 0 && point < c.configs.length))
    throw new Error(`${c.name} has ${c.configs.length} operating point(s); there is no point ${point + 1}`);
  const w = priceWeights(opts.prices, metrics);
  const dim = w.length;
  const config = c.configs[point];
  const { columns, step } = systemTrace(table, config);
  const cols = config.models;
  const joined = joinByQuery(opts.records, { models: table.models, split: opts.testSplit });
  const cellsOf = new Map<string, (EvalRecord | undefined)[]>();
  joined.queryIds.forEach((id, q) => cellsOf.set(id, joined.cells[q]));
  const rows: QueryRow[] = [];
  for (let i = 0; i < table.n; i++) {
    const id = table.queryIds[i];
    const cells = cellsOf.get(id) ?? [];
    const recs = cols.map((m) => cells[m]);
    const abstained = columns[ABSTAIN][i] === 1;
    const terms: number[] = [];
    let loss = 0;
    for (let d = 0; d < dim; d++) {
      const t = w[d] * columns[d][i];
      terms.push(t);
      loss += t;
    }
    const s = step[i];
    rows.push({
      queryId: id,
      answeredBy: abstained ? -1 : s,
      correct: !abstained && columns[ERROR][i] === 0,
      score: !abstained && s >= 0 ? (recs[s]?.score ?? 0) : 0,
      costUsd: columns[0][i],
      latencyS: columns[1][i],
      confidence: cols.map((m) => finiteOrNull(table.confidence[m][i])),
      modelCorrect: cols.map((m) => table.correct[m][i] === 1),
      line: recs.map((r) => r?.line ?? 0),
      ...rowTexts(recs),
      abstained,
      reward: -loss,
      terms,
      humanShare: 0,
    });
  }
  const te = c.test;
  let expected = 0;
  for (let d = 0, o = point * dim; d < dim; d++) expected += w[d] * te[o + d];
  return {
    models: cols.map((m) => table.models[m]),
    confidenceKind: opts.calibrated ? 'calibrated' : 'log',
    split: opts.testSplit ?? '',
    thresholds: [...c.thresholds[point]],
    rows,
    notes: rows.length ? [] : [`${c.name} has no test query.`],
    pricing: { terms: ['cost', ...metrics.map((m) => m.name)], prices: Array.from(w), reward: -expected },
    rejection: null,
  };
}
