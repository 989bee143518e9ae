import type { QueryTable } from './buildQueryTable';
import { checkRouterConfig, metricDim, routeQuery, type SystemMeans } from './systemMeans';
import { ABSTAIN, COST, ERROR, LATENCY, type SystemConfig } from './types';

/** How one satisfactory probability τ routes each query, before any abstention. */
interface Routing {
  /** Per query: the position of the model it goes to when one is satisfactory (≥ 0), else −1 − the likeliest model's position. */
  pick: Int32Array;
  /** Per query with no satisfactory model: the likeliest model's probability (what abstention compares). */
  likeliest: Float64Array;
}

/**
 * `systemMeans` of the router configurations over one table and one model set, bit for bit the same
 * numbers, for many operating points at once: a router's points share few satisfactory probabilities
 * τ and differ in the abstention probability α, and where each query goes under a τ does not depend on
 * α. So each τ's routing is worked out once (routeQuery over the models), and every (τ, α) point then
 * only adds up the chosen models' metrics, query by query in the same order as walkSystem (hence the
 * same sums). With abstention a router has ~|τ|²/2 points (~860 at the thesis's 0.025 quantile step):
 * the routers of the MedMCQA example with abstention (test/worker/viewJobs.test.ts) took 2.3 s to
 * build, now 0.6 s (CPU profiles on the 2-core machine, 2026-12-05); `costrisk econ --routers` on the
 * bundled logs gives byte-identical JSON.
 */
export class RouterMeans {
  private readonly routings = new Map<number, Routing>();
  /** Per extra metric: whether it is binary (counted once when raised) rather than numeric. */
  private readonly binary: boolean[];

  constructor(
    private readonly table: QueryTable,
    private readonly models: readonly number[],
  ) {
    if (models.length === 0) throw new Error('a system needs at least one model');
    this.binary = table.extraSpecs.map((s) => s.kind === 'binary');
  }

  /** The same as systemMeans(table, config) for a router `config` over this instance's models. */
  of(config: SystemConfig): SystemMeans {
    const rule = checkRouterConfig(config);
    if (config.models.length !== this.models.length || config.models.some((m, j) => m !== this.models[j]))
      throw new Error('RouterMeans: the configuration routes over other models');
    const { table, binary } = this;
    const { pick, likeliest } = this.routing(rule.satisfactory);
    const alpha = config.abstainThreshold;
    const oc = rule.overheadCost;
    const ol = rule.overheadLatency;
    const nExtra = table.extraSpecs.length;
    const extraSums = new Float64Array(nExtra);
    let cost = 0;
    let latency = 0;
    let errors = 0;
    let abstained = 0;
    let deferred = 0;
    for (let i = 0; i < table.n; i++) {
      let j = pick[i];
      if (j < 0) {
        if (alpha !== null && likeliest[i] < alpha) {
          // abstains: only the overhead is paid (the extras of the row are 0)
          cost += oc;
          latency += ol;
          abstained += 1;
          deferred++;
          continue;
        }
        j = -1 - j;
      }
      const m = this.models[j];
      cost += oc + table.cost[m][i];
      latency += ol + table.latency[m][i];
      if (!table.correct[m][i]) errors += 1;
      for (let e = 0; e < nExtra; e++) {
        const v = table.extras[e][m][i];
        extraSums[e] += binary[e] ? (v !== 0 ? 1 : 0) : v;
      }
      if (j !== 0) deferred++;
    }
    const n = table.n;
    const means = new Float64Array(metricDim(table));
    if (n > 0) {
      means[COST] = cost / n;
      means[LATENCY] = latency / n;
      means[ERROR] = errors / n;
      means[ABSTAIN] = abstained / n;
      for (let e = 0; e < nExtra; e++) means[4 + e] = extraSums[e] / n;
    }
    return { means, deferralRate: n > 0 ? deferred / n : 0 };
  }

  /** Where each query goes under satisfactory probability `tau` (computed once per τ). */
  private routing(tau: number): Routing {
    const known = this.routings.get(tau);
    if (known) return known;
    const { table, models } = this;
    const pick = new Int32Array(table.n);
    const likeliest = new Float64Array(table.n);
    const rule = { satisfactory: tau, overheadCost: 0, overheadLatency: 0 };
    for (let i = 0; i < table.n; i++) {
      // the first satisfactory model, or (none is) the likeliest to be right, whose probability is below τ
      const j = routeQuery(table, models, i, rule, null);
      const p = table.confidence[models[j]][i];
      pick[i] = p >= tau ? j : -1 - j;
      likeliest[i] = p;
    }
    const r = { pick, likeliest };
    this.routings.set(tau, r);
    return r;
  }
}
