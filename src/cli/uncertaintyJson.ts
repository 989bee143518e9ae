import type { CandidateUncertainty, RewardUncertainty } from '../engines/economics/rewardUncertainty';
import { recommendationText } from '../engines/economics/recommendationText';

/** One candidate in `costrisk econ --json`: reward with `ci_low`/`ci_high`, cost and error with theirs, and the difference to the best. */
function candidateJson(c: CandidateUncertainty) {
  const d = c.vs_best;
  return {
    name: c.name,
    kind: c.kind,
    thresholds: c.thresholds,
    // Routers only: the overhead c₀ ($ per query) and l₀ (s per query) included in their cost and latency.
    ...(c.router_overhead ? { router_overhead: c.router_overhead } : {}),
    reward: c.reward.value,
    ci_low: c.reward.ci_low,
    ci_high: c.reward.ci_high,
    cost: c.cost,
    error: c.error,
    p_best: c.p_best,
    // diff = best's reward − this one's ($ per query); p_better = share of resamples in which the best is strictly better.
    vs_best: d
      ? {
          diff: d.value,
          ci_low: d.ci_low,
          ci_high: d.ci_high,
          p_value: d.p_value,
          p_better: d.p_better,
          verdict: d.identical ? 'identical' : d.verdict,
        }
      : null,
  };
}

/** The intervals and the plain-words recommendation added to each row of `costrisk econ --json`. */
export function uncertaintyJson(u: RewardUncertainty) {
  const text = recommendationText(u);
  return {
    intervals: {
      method: 'paired percentile bootstrap over the test queries; thresholds fixed as chosen on train',
      replicates: u.replicates,
      seed: u.seed,
      level: u.level,
      n_test: u.n_test,
      in_sample: u.in_sample,
      seconds: u.seconds,
      candidates: u.candidates.map(candidateJson),
      strongest: u.strongest ? { ...candidateJson(u.strongest), is_candidate: u.strongest_is_candidate } : null,
    },
    recommendation: {
      deploy: text.system,
      how: text.how,
      verdict: text.verdict,
      text: text.headline,
      details: text.details,
    },
  };
}
