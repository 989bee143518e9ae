import { COST, LATENCY, type Candidate, type RouterOverhead } from './types';

/** Whether an overhead is usable: both parts finite and ≥ 0. */
export function isRouterOverhead(o: RouterOverhead): boolean {
  return Number.isFinite(o.cost) && o.cost >= 0 && Number.isFinite(o.latency) && o.latency >= 0;
}

/** The overhead a router candidate was built with (null for any other kind). */
export function overheadOf(c: Pick<Candidate, 'kind' | 'configs'>): RouterOverhead | null {
  const rule = c.kind === 'router' ? c.configs[0]?.route : undefined;
  return rule ? { cost: rule.overheadCost, latency: rule.overheadLatency } : null;
}

/**
 * The candidates with every router's overhead set to `overhead` (eq. 3.9: C = c₀ + C_i, L = l₀ + L_i,
 * paid on every query): the overhead is the same for all operating points, so each point's mean
 * cost and latency move by the change in c₀ and l₀ on both splits, and θ*(λ) stays the same.
 * Other candidates are returned as they are; nothing is modified in place.
 *
 * @throws when the overhead is negative or not finite.
 */
export function withRouterOverhead<C extends Candidate>(candidates: readonly C[], overhead: RouterOverhead): C[] {
  if (!isRouterOverhead(overhead))
    throw new Error(
      `router overhead must be finite and >= 0 (got $${overhead.cost} and ${overhead.latency} s per query)`,
    );
  return candidates.map((c) => {
    const old = overheadOf(c);
    if (!old || (old.cost === overhead.cost && old.latency === overhead.latency)) return c;
    const shift = (rows: Float64Array): Float64Array => {
      const out = Float64Array.from(rows);
      for (let o = 0; o < out.length; o += c.dim) {
        out[o + COST] += overhead.cost - old.cost;
        out[o + LATENCY] += overhead.latency - old.latency;
      }
      return out;
    };
    const configs = c.configs.map((k) =>
      k.route ? { ...k, route: { ...k.route, overheadCost: overhead.cost, overheadLatency: overhead.latency } } : k,
    );
    return { ...c, configs, train: shift(c.train), test: shift(c.test) };
  });
}
