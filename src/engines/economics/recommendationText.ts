import { formatPercent, formatSeconds, formatSig, formatSystemName, formatUsd, MINUS } from '../../protocol/format';
import { formatP, type DifferenceTest, type Estimate } from '../uncertainty/intervals';
import type { CandidateUncertainty, RewardUncertainty } from './rewardUncertainty';
import { groupDigits } from '../../shared/text/groupDigits';

/** The recommendation in plain words, as the CLI prints it and the Economic Evaluation view shows it. */
export interface RecommendationText {
  /** What to deploy and how sure: "Deploy A, deferring to B when …: statistically tied with C (p = 0.64)." */
  headline: string;
  /** The pieces of the headline: the system (its machine name, as in the JSON), how it answers ('' for a single model), and the verdict against the runner-up. */
  system: string;
  how: string;
  verdict: string;
  /** Cost, error and reward with intervals; against the runner-up; against the strongest model; how the intervals were made. */
  details: string[];
}

/** Dollars and shares as every view and the CLI write them (src/protocol/format.ts): −$0.148, $0.000667; 14.8%. */
export { formatUsd as usd, formatPercent as percent };

/** "95% CI $0.20 to $0.23" for an estimate shown through `show`. */
function ci(e: Estimate | DifferenceTest, show: (x: number) => string, level: number): string {
  return `${Math.round(level * 100)}% CI ${show(e.ci_low)} to ${show(e.ci_high)}`;
}

/** How the candidate answers at its operating point, in words (empty for a single model). */
export function describeOperatingPoint(c: CandidateUncertainty): string {
  const t = c.thresholds.map((x) => (Number.isFinite(x) ? formatSig(x, 3) : x > 0 ? '∞' : `${MINUS}∞`));
  const share = formatPercent(c.deferral_rate);
  if (c.kind === 'abstention')
    return `abstaining when ${c.models[0]}'s confidence is below ${t[0]} (${share} of test queries)`;
  if (c.kind === 'router') return describeRouter(c, t, share);
  if (c.kind !== 'cascade') return '';
  if (c.models.length === 2)
    return `deferring to ${c.models[1]} when ${c.models[0]}'s confidence is below ${t[0]} (${share} of test queries)`;
  const steps = c.models.slice(0, -1).map((m, i) => `${m} answers when its calibrated confidence is above ${t[i]}`);
  return `where ${steps.join(', else ')}, else ${c.models[c.models.length - 1]} answers (${share} of test queries go past ${c.models[0]})`;
}

/** A router's rule in words: where it sends a query, when it abstains, its overhead. */
function describeRouter(c: CandidateUncertainty, t: string[], share: string): string {
  const abstain =
    c.thresholds.length > 1
      ? c.thresholds[1] > 0
        ? `, abstaining when that one's confidence is below ${t[1]}`
        : ', never abstaining at these prices'
      : '';
  const o = c.router_overhead;
  const overhead =
    o && (o.cost > 0 || o.latency > 0)
      ? `; router overhead ${formatUsd(o.cost)} and ${formatSeconds(o.latency)} per query`
      : '';
  return `routing each query to the cheapest of ${c.models.join(', ')} whose calibrated confidence is at least ${t[0]}, else to the one likeliest to be right${abstain} (${share} of test queries go past ${c.models[0]}${overhead})`;
}

/** The verdict of the best system against another, in words. */
function verdictWords(
  vs: DifferenceTest & { identical: boolean },
  other: string,
  replicates: number,
  level: number,
): string {
  const p = formatP(vs.p_value, replicates);
  if (vs.identical) return `identical to ${other} on every test query (either will do)`;
  if (vs.verdict === 'better') return `better than ${other} with ${Math.round(level * 100)}% confidence (${p})`;
  if (vs.verdict === 'worse') return `worse than ${other} with ${Math.round(level * 100)}% confidence (${p})`;
  return `statistically tied with ${other} (${p})`;
}

/** Cost per query and error rate of a system, with intervals. */
function costAndError(c: CandidateUncertainty, level: number): string {
  return `${formatUsd(c.cost.value)} per query (${ci(c.cost, formatUsd, level)}) at an error rate of ${formatPercent(c.error.value)} (${ci(c.error, formatPercent, level)})`;
}

/** The recommendation of item 4: what to deploy, with which thresholds, what it costs and how sure that is. */
export function recommendationText(u: RewardUncertainty): RecommendationText {
  const [best, runnerUp] = u.candidates;
  const { replicates, level } = u;
  const how = describeOperatingPoint(best);
  const against = runnerUp?.vs_best
    ? verdictWords(runnerUp.vs_best, formatSystemName(runnerUp.name), replicates, level)
    : 'the only system compared';
  const bestName = formatSystemName(best.name);
  const headline = `Deploy ${bestName}${how ? `, ${how}` : ''}: ${against}.`;
  const details = [
    `It costs ${costAndError(best, level)}; expected reward ${formatUsd(best.reward.value)} per query (${ci(best.reward, formatUsd, level)}).`,
  ];
  if (runnerUp?.vs_best) {
    const d = runnerUp.vs_best;
    details.push(
      `Runner-up ${formatSystemName(runnerUp.name)}: ${formatUsd(d.value)} per query behind (${ci(d, formatUsd, level)}); it costs ${costAndError(runnerUp, level)}. ` +
        `Best in ${formatPercent(best.p_best ?? 0)} of resamples against ${formatPercent(runnerUp.p_best ?? 0)} for the runner-up.`,
    );
  }
  if (best.kind === 'router')
    details.push(
      `The router is given each model's calibrated confidence on a query before calling it (calibrated on the train split from the confidence the log records with the model's answer): ` +
        `its reward is what a router that predicted those confidences perfectly, at the stated overhead, would reach.`,
    );
  const s = u.strongest;
  if (s && s.name === best.name)
    details.push(`${bestName} is itself the most accurate single model (lowest train error).`);
  else if (s?.vs_best) {
    const d = s.vs_best;
    const words = d.identical
      ? `identical on every test query`
      : d.verdict === 'tied'
        ? `statistically tied (${formatP(d.p_value, replicates)})`
        : `${bestName} is ${d.verdict} with ${Math.round(level * 100)}% confidence (${formatP(d.p_value, replicates)})`;
    const note = u.strongest_is_candidate ? '' : ` (${s.name} alone is not among the compared systems)`;
    details.push(
      `Against always using ${s.name}, the most accurate single model${note}: ${formatUsd(d.value)} more reward per query (${ci(d, formatUsd, level)}), ${words}; ${s.name} costs ${costAndError(s, level)}.`,
    );
  }
  details.push(
    `Intervals: paired bootstrap, ${groupDigits(replicates)} resamples of the ${groupDigits(u.n_test)} test queries (seed ${u.seed}); ` +
      `thresholds stay as chosen on the ${groupDigits(u.n_train)} train queries, so the noise of choosing them is not included.` +
      (u.in_sample ? ' The thresholds were tuned on these same queries: the intervals are optimistic.' : ''),
  );
  return { headline, system: best.name, how, verdict: against, details };
}
