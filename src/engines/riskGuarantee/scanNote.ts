import type { GuaranteeResult, ScanTest } from './guaranteedThreshold';

const pct = (x: number): string => `${Number((100 * x).toFixed(1))}%`;
const share = (x: number): string => x.toFixed(3);
/** A grid step as a percentage of coverage: 0.05 → "5%", 0.001 → "0.1%". */
export const stepPercent = (step: number | null): string => `${Number((100 * (step ?? 0)).toPrecision(3))}%`;

/**
 * One or two plain sentences saying what the procedure tested, where and why a fixed-sequence scan
 * stopped (errors, accepted answers, bound against α), and what it certified. Used as the chart's text
 * alternative and printed by the CLI, so both say the same thing.
 */
export function scanNote(g: GuaranteeResult): string {
  const at = (t: ScanTest): string =>
    `${t.errors} error(s) among the ${t.accepted} most certain calibration answers (coverage ${pct(g.n ? t.accepted / g.n : 0)})`;
  const chosen =
    g.threshold === null
      ? null
      : `coverage ${pct(g.coverageCal)} (${g.errorsCal} error(s) in ${g.acceptedCal}, bound ${share(g.upperBound ?? 1)})`;
  if (g.sequenceLength === 0)
    return `Nothing to test: ${g.n} calibration answer(s) are fewer than the ${g.minAccepted} the bound needs at α = ${g.alpha}, δ = ${g.delta}; abstain on every query.`;
  if (g.method === 'bonferroni') {
    const head = `Bonferroni over ${g.sequenceLength} grid points (from ${g.minAccepted} accepted answers, every ${stepPercent(g.gridStep)} of coverage), each tested at level δ/${g.sequenceLength} = ${Number(g.level.toPrecision(3))}: ${g.testsPassed} passed.`;
    if (chosen) return `${head} The one with the largest coverage is certified: ${chosen}.`;
    const best = g.tests.reduce<ScanTest | null>((b, t) => (b === null || t.upperBound < b.upperBound ? t : b), null);
    return `${head}${best ? ` The lowest bound, ${share(best.upperBound)} at coverage ${pct(best.accepted / g.n)}, is still above α = ${g.alpha}` : ''}; abstain on every query.`;
  }
  const what =
    g.method === 'every-answer'
      ? `The scan over every distinct certainty (${g.sequenceLength} points from ${g.minAccepted} accepted answers)`
      : `The fixed-sequence scan over ${g.sequenceLength} grid points (from ${g.minAccepted} accepted answers, every ${stepPercent(g.gridStep)} of coverage)`;
  if (!g.stop)
    return `${what} passed at every point, up to all ${g.n} calibration answers: ${chosen ?? 'nothing'} is certified.`;
  const why = `${at(g.stop)} give an upper bound of ${share(g.stop.upperBound)} > α = ${g.alpha}`;
  if (!chosen) return `${what} stopped at its first point: ${why}. Nothing is certified; abstain on every query.`;
  const later = g.stop.position < g.sequenceLength ? ' Later points are never tested, whatever their bounds.' : '';
  return `${what} stopped at point ${g.stop.position}: ${why}. The last point that passed is certified: ${chosen}.${later}`;
}
