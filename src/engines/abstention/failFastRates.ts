/** How "Fail Fast, or Ask" routes queries, as shares of all queries. */
export interface FailFastRates {
  /** P(π_nr = fail fast): sent straight to the human. */
  failFast: number;
  /** 1 − u: passed to the reasoning model. */
  pass: number;
  /** Answered by the non-reasoning model. */
  respond: number;
  /** P(M_r → H | passed): the reasoning model's conditional rejection rate. */
  reasoningRejection: number;
  /** P(→ H) overall. */
  rejection: number;
}

/**
 * Routing shares of "Fail Fast, or Ask" (thesis §4.3). With utilisation u = P(π_nr ≠ pass) and
 * overall rejection rate ρ = P(→ H), requiring the reasoning model's conditional rejection rate to
 * equal ρ gives the fail-fast rate P(fail fast) = ρ − (1 − u)·ρ = u·ρ; the non-reasoning model
 * answers the rest of its share, u·(1 − ρ).
 * @throws RangeError when u or ρ is outside [0, 1].
 */
export function failFastRates(utilization: number, rejection: number): FailFastRates {
  if (!(utilization >= 0 && utilization <= 1))
    throw new RangeError(`utilisation must be in [0, 1], got ${utilization}`);
  if (!(rejection >= 0 && rejection <= 1)) throw new RangeError(`rejection rate must be in [0, 1], got ${rejection}`);
  const failFast = rejection - (1 - utilization) * rejection;
  return { failFast, pass: 1 - utilization, respond: utilization - failFast, reasoningRejection: rejection, rejection };
}
