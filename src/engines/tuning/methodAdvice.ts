import { percent } from '../economics/recommendationText';
import { formatP, type DifferenceTest, type Interval } from '../uncertainty/intervals';
import type { TuneCascadeResult } from './tuneCascade';
import { TUNE_METHOD_LABEL as LABEL } from './types';
import { groupDigits } from '../../shared/text/groupDigits';

/** Which method and which point to use, in plain words (the `tune` CLI and the Cascade Frontier view print the same). */
export interface MethodAdvice {
  headline: string;
  details: string[];
}

const auc = (x: number): string => x.toFixed(4);
const perMillion = (usd: number): string => `$${Number((usd * 1e6).toPrecision(3))}`;
const span = (i: Interval, show: (x: number) => string): string => `95% CI ${show(i.ci_low)} to ${show(i.ci_high)}`;

function verdict(d: DifferenceTest, other: string, replicates: number): string {
  const p = formatP(d.p_value, replicates);
  return d.verdict === 'better'
    ? `better than ${other} with 95% confidence (${p})`
    : d.verdict === 'worse'
      ? `worse than ${other} with 95% confidence (${p})`
      : `statistically tied with ${other} (${p})`;
}

/**
 * The method to use (lowest test AUC, and whether the others are really worse or only tied) and
 * the point to use when accuracy comes first, from `result.comparison`; null when it was not computed.
 */
export function methodAdvice(result: TuneCascadeResult): MethodAdvice | null {
  const c = result.comparison;
  if (!c) return null;
  const details: string[] = [];
  let headline: string;
  const best = c.best;
  const bestAuc = best ? c.auc[best] : null;
  if (!best || !bestAuc) headline = 'No AUC to compare: the methods cover no common range of test cost.';
  else if (c.differences.length === 0)
    headline = `${LABEL[best]}: test AUC ${auc(bestAuc.value)} (${span(bestAuc, auc)}).`;
  else {
    const tied = c.differences.filter((d) => d.verdict !== 'better');
    headline =
      `Use ${LABEL[best]}: lowest test AUC ${auc(bestAuc.value)} (${span(bestAuc, auc)}), ` +
      c.differences.map((d) => verdict(d, LABEL[d.method], c.valid_replicates)).join(', ') +
      (tied.length
        ? `; ${tied.length === c.differences.length ? 'any of these frontiers will do' : `${tied.map((d) => LABEL[d.method]).join(' or ')} will do as well`}.`
        : '.');
    for (const d of c.differences) {
      const other = c.auc[d.method];
      details.push(
        `${LABEL[d.method]}: AUC ${other ? `${auc(other.value)} (${span(other, auc)})` : '—'}, ${auc(d.value)} above ${LABEL[best]} (${span(d, auc)} for the difference).`,
      );
    }
  }
  const s = c.suggested;
  const points = s ? result.methods[s.method]?.points : undefined;
  const p = s && points ? points[s.index] : undefined;
  const pi = s ? c.points[s.method]?.[s.index] : undefined;
  if (s && p && pi && p.testError !== null && p.testCost !== null) {
    const low = points![s.lowest];
    details.push(
      `Point to use when accuracy comes first: ${LABEL[s.method]} #${s.index + 1} (thresholds ${p.thresholds.map((t) => t.toFixed(3)).join(', ')}), ` +
        `test error ${percent(p.testError)} (${span(pi.error, percent)}) at ${perMillion(p.testCost)} per million queries (${span(pi.cost, perMillion)}): ` +
        (s.index === s.lowest
          ? 'the most accurate point of the frontier.'
          : `the cheapest point whose error is statistically tied with the most accurate one, #${s.lowest + 1} (${percent(low.testError ?? 0)} at ${perMillion(low.testCost ?? 0)}; ${formatP(s.vs_lowest.p_value, c.replicates)}).`) +
        ' To trade accuracy for cost at your price of error, use the Economic Evaluation.',
    );
  }
  const dropped = c.replicates - c.valid_replicates;
  details.push(
    `Intervals: paired bootstrap, ${groupDigits(c.replicates)} resamples of the ${groupDigits(c.n_test)} test queries (seed ${c.seed}); thresholds stay as tuned on the training queries.` +
      (dropped > 0
        ? ` ${dropped} resamples in which the methods' cost ranges did not overlap were left out of the AUC intervals.`
        : ''),
  );
  return { headline, details };
}
