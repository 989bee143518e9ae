import type { QueryTable } from './buildQueryTable';
import { ABSTAIN, COST, ERROR, LATENCY, type RouteRule, type SystemConfig } from './types';

/** Length of a metric vector for a table: cost, latency, error, abstain, then the extra metrics. */
export function metricDim(table: QueryTable): number {
  return 4 + table.extraSpecs.length;
}

export interface SystemMeans {
  /** Mean metric vector (cost, latency, error, abstain, extras...). */
  means: Float64Array;
  /** Share of queries passed beyond the first model (a router: not sent to its cheapest model, abstentions included). */
  deferralRate: number;
}

/**
 * Mean per-query metrics of one system configuration on a table. A cascade pays the cost and
 * latency of every model up to the one that answers (eq. 3.7); extra numeric metrics add up the
 * same way and extra binary metrics count when any visited model raised them. A router pays its
 * overhead plus the one model it picks (eq. 3.9), or only its overhead when it abstains. The
 * answering model's answer is an error unless the system abstains (eq. 3.10).
 */
export function systemMeans(table: QueryTable, config: SystemConfig): SystemMeans {
  if (!config.route && table.extraSpecs.length === 0) return plainCascadeMeans(table, config);
  const dim = metricDim(table);
  const sums = new Float64Array(dim);
  let deferred = 0;
  walkSystem(table, config, (_, row, wasDeferred) => {
    for (let d = 0; d < dim; d++) sums[d] += row[d];
    if (wasDeferred) deferred++;
  });
  const n = table.n;
  const means = new Float64Array(dim);
  if (n > 0) for (let d = 0; d < dim; d++) means[d] = sums[d] / n;
  return { means, deferralRate: n > 0 ? deferred / n : 0 };
}

/**
 * The same metrics query by query: `columns[d][i]` is metric d (cost, latency, error, abstain,
 * extras...) of query i, so that `systemMeans` is the column means. For the bootstrap.
 */
export function systemPerQuery(table: QueryTable, config: SystemConfig): Float64Array[] {
  return systemTrace(table, config).columns;
}

/** The per-query metrics of {@link systemPerQuery} and, per query, which of the system's models decided it. */
export interface SystemTrace {
  /** columns[d][i]: metric d of query i (cost, latency, error, abstain, extras...). */
  columns: Float64Array[];
  /**
   * Per query, the position in `config.models` of the model whose answer counts (or, when the
   * system abstains, of the last model a cascade consulted); −1 when a router abstains (no model is called).
   */
  step: Int32Array;
}

/** Runs the system query by query: its metric columns and the model that decided each query (for the drill-down). */
export function systemTrace(table: QueryTable, config: SystemConfig): SystemTrace {
  const columns = Array.from({ length: metricDim(table) }, () => new Float64Array(table.n));
  const step = new Int32Array(table.n);
  walkSystem(table, config, (i, row, _deferred, at) => {
    for (let d = 0; d < row.length; d++) columns[d][i] = row[d];
    step[i] = at;
  });
  return { columns, step };
}

/**
 * systemMeans of a cascade (or single model) on a table without extra metrics: the same sums in the
 * same order as the walk below, bit for bit, without its per-query row and callback (about four
 * times faster; the economics of a large log spend most of their time here).
 */
function plainCascadeMeans(table: QueryTable, config: SystemConfig): SystemMeans {
  checkCascade(config);
  const { deferThresholds, abstainThreshold } = config;
  const k = config.models.length;
  const cost = config.models.map((m) => table.cost[m]);
  const latency = config.models.map((m) => table.latency[m]);
  const confidence = config.models.map((m) => table.confidence[m]);
  const correct = config.models.map((m) => table.correct[m]);
  const n = table.n;
  let sumCost = 0;
  let sumLatency = 0;
  let errors = 0;
  let abstentions = 0;
  let deferred = 0;
  for (let i = 0; i < n; i++) {
    let c = 0;
    let l = 0;
    let tau = 0;
    for (let j = 0; j < k; j++) {
      c += cost[j][i];
      l += latency[j][i];
      tau = j;
      if (j === k - 1 || !(confidence[j][i] < deferThresholds[j])) break;
    }
    if (abstainThreshold !== null && confidence[tau][i] < abstainThreshold) abstentions++;
    else if (!correct[tau][i]) errors++;
    sumCost += c;
    sumLatency += l;
    if (tau > 0) deferred++;
  }
  const means = new Float64Array(4);
  if (n > 0) {
    means[COST] = sumCost / n;
    means[LATENCY] = sumLatency / n;
    means[ERROR] = errors / n;
    means[ABSTAIN] = abstentions / n;
  }
  return { means, deferralRate: n > 0 ? deferred / n : 0 };
}

/** Throws unless `config` is a cascade of at least one model with a deferral threshold between each two. */
function checkCascade(config: SystemConfig): void {
  const k = config.models.length;
  if (k === 0) throw new Error('a system needs at least one model');
  if (config.deferThresholds.length !== k - 1)
    throw new Error(`a ${k}-model cascade needs ${k - 1} deferral threshold(s), got ${config.deferThresholds.length}`);
}

/** How walkSystem reports a query: its metric row (reused between calls), whether it went past the first model, the deciding model's position (−1: none). */
type Visit = (query: number, row: Float64Array, deferred: boolean, step: number) => void;

/** Runs the system on every query of the table and hands each query's outcome to `visit`. */
function walkSystem(table: QueryTable, config: SystemConfig, visit: Visit): void {
  const { models, deferThresholds, abstainThreshold } = config;
  const k = models.length;
  if (k === 0) throw new Error('a system needs at least one model');
  if (config.route) return walkRouter(table, config, config.route, visit);
  checkCascade(config);
  const dim = metricDim(table);
  const nExtra = table.extraSpecs.length;
  const binaryExtra = table.extraSpecs.map((s) => s.kind === 'binary');
  const flags = new Float64Array(nExtra);
  const row = new Float64Array(dim);
  for (let i = 0; i < table.n; i++) {
    let tau = 0;
    flags.fill(0);
    row.fill(0);
    for (let j = 0; j < k; j++) {
      const m = models[j];
      row[COST] += table.cost[m][i];
      row[LATENCY] += table.latency[m][i];
      for (let e = 0; e < nExtra; e++) {
        const v = table.extras[e][m][i];
        if (binaryExtra[e]) flags[e] = flags[e] || (v !== 0 ? 1 : 0);
        else row[4 + e] += v;
      }
      tau = j;
      if (j === k - 1 || !(table.confidence[m][i] < deferThresholds[j])) break;
    }
    const last = models[tau];
    const abstain = abstainThreshold !== null && table.confidence[last][i] < abstainThreshold;
    if (abstain) row[ABSTAIN] = 1;
    else if (!table.correct[last][i]) row[ERROR] = 1;
    for (let e = 0; e < nExtra; e++) if (binaryExtra[e]) row[4 + e] = flags[e];
    visit(i, row, tau > 0, tau);
  }
}

/**
 * The query's model under a routing rule, or −1 when the router abstains: the cheapest model (in
 * `models` order) whose calibrated probability is at least `rule.satisfactory`; else the model
 * likeliest to be right (the cheaper on a tie), unless that probability is below `abstainBelow`.
 */
export function routeQuery(
  table: QueryTable,
  models: readonly number[],
  i: number,
  rule: RouteRule,
  abstainBelow: number | null,
): number {
  let likeliest = 0;
  for (let j = 0; j < models.length; j++) {
    const p = table.confidence[models[j]][i];
    if (p >= rule.satisfactory) return j;
    if (p > table.confidence[models[likeliest]][i]) likeliest = j;
  }
  return abstainBelow !== null && table.confidence[models[likeliest]][i] < abstainBelow ? -1 : likeliest;
}

/** A router configuration's rule, after checking that it has no deferral thresholds and a finite, non-negative overhead. */
export function checkRouterConfig(config: SystemConfig): RouteRule {
  const rule = config.route;
  if (!rule) throw new Error('not a router configuration');
  if (config.deferThresholds.length !== 0) throw new Error('a router has no deferral thresholds');
  if (!(
    Number.isFinite(rule.overheadCost) &&
    rule.overheadCost >= 0 &&
    Number.isFinite(rule.overheadLatency) &&
    rule.overheadLatency >= 0
  ))
    throw new Error('router overhead must be finite and >= 0');
  return rule;
}

/** walkSystem for a one-step router over `config.models` (eqs. 3.8–3.9); `deferred`: not sent to the cheapest model. */
function walkRouter(table: QueryTable, config: SystemConfig, rule: RouteRule, visit: Visit): void {
  checkRouterConfig(config);
  const row = new Float64Array(metricDim(table));
  const nExtra = table.extraSpecs.length;
  const binaryExtra = table.extraSpecs.map((s) => s.kind === 'binary');
  for (let i = 0; i < table.n; i++) {
    row.fill(0);
    row[COST] = rule.overheadCost;
    row[LATENCY] = rule.overheadLatency;
    const j = routeQuery(table, config.models, i, rule, config.abstainThreshold);
    if (j < 0) row[ABSTAIN] = 1;
    else {
      const m = config.models[j];
      row[COST] += table.cost[m][i];
      row[LATENCY] += table.latency[m][i];
      if (!table.correct[m][i]) row[ERROR] = 1;
      for (let e = 0; e < nExtra; e++) {
        const v = table.extras[e][m][i];
        row[4 + e] = binaryExtra[e] ? (v !== 0 ? 1 : 0) : v;
      }
    }
    visit(i, row, j !== 0, j);
  }
}
