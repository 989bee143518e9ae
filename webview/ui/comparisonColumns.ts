/**
 * Table columns of a query-by-query comparison of two runs (engines/compare/compareRuns.ts): each
 * side's mean, the difference A − B with its 95% paired bootstrap interval, McNemar's p and the
 * agreement counts. Shared by Compare Two Logs (sides "A" and "B") and the Model Overview's runs
 * (a run against the baseline).
 */
import type { RunComparison } from '../../src/engines/compare/compareRuns';
import {
  DASH,
  formatExactP,
  formatInteger,
  formatSeconds,
  formatSignedSeconds,
  formatUsd,
  formatPValue,
  formatShare,
  formatSignedShare,
  formatSignedUsd,
} from '../../src/protocol/format';
import type { Column } from './tableCard';

/** A − B with its interval (null ends without resamples). */
export type Difference = { difference: number; ci_low: number | null; ci_high: number | null };
/** One measure of both sides and their difference. */
export type Measure = Difference & { mean_a: number; mean_b: number };
/** How the two sides are named: `id` in CSV column names, `label` on screen. */
export interface Sides {
  a: { id: string; label: string };
  b: { id: string; label: string };
}

/** "+0.012 (−0.010 to +0.034)": a difference with its 95% interval when there is one. */
export function withInterval(d: Difference | null, f: (x: number | null) => string): string {
  return d === null
    ? DASH
    : d.ci_low === null || d.ci_high === null
      ? f(d.difference)
      : `${f(d.difference)} (${f(d.ci_low)} to ${f(d.ci_high)})`;
}

/** A difference shown with its interval, exported as the difference and the interval's ends. */
function differenceColumn<R>(
  id: string,
  title: string,
  help: string,
  pick: (r: R) => Difference | null,
  f: (x: number | null) => string,
): Column<R> {
  return {
    id,
    title,
    help,
    numeric: true,
    value: (r) => pick(r)?.difference ?? null,
    format: (r) => withInterval(pick(r), f),
    csv: [
      { id, value: (r) => pick(r)?.difference ?? null },
      { id: `${id}_ci_low`, value: (r) => pick(r)?.ci_low ?? null },
      { id: `${id}_ci_high`, value: (r) => pick(r)?.ci_high ?? null },
    ],
  };
}

/** One measure of both sides: "<label> <A>", "<label> <B>", and A − B with its 95% paired bootstrap interval. */
function measureColumns<R>(
  sides: Sides,
  id: string,
  label: string,
  diff: { title: string; help: string },
  pick: (r: R) => Measure | null,
  f: (x: number | null) => string,
  signed: (x: number | null) => string,
): Column<R>[] {
  const side = (s: 'a' | 'b'): Column<R> => ({
    id: `${id}_${sides[s].id}`,
    title: `${label} ${sides[s].label}`,
    numeric: true,
    value: (r) => pick(r)?.[`mean_${s}`] ?? null,
    format: (r) => f(pick(r)?.[`mean_${s}`] ?? null),
  });
  return [side('a'), side('b'), differenceColumn(`${id}_diff`, diff.title, diff.help, pick, signed)];
}

/** McNemar's p of equal accuracy, then the 2 × 2 agreement counts. */
function agreementColumns<R>(sides: Sides, pick: (r: R) => RunComparison): Column<R>[] {
  const { a, b } = sides;
  const count = (id: string, title: string, help: string, n: (c: RunComparison) => number): Column<R> => ({
    id,
    title,
    help,
    numeric: true,
    value: (r) => n(pick(r)),
    format: (r) => formatInteger(n(pick(r))),
  });
  return [
    {
      id: 'mcnemar_p',
      title: 'McNemar p',
      help: "McNemar's test of equal accuracy: exact binomial below 25 discordant queries, else χ² with continuity correction",
      numeric: true,
      value: (r) => pick(r).mcnemar.p_value,
      format: (r) => formatExactP(pick(r).mcnemar.p_value),
    },
    count('both_right', 'Both right', 'Queries both runs answered correctly', (c) => c.agreement.both_right),
    count(
      `only_${a.id}_right`,
      `Only ${a.label} right`,
      `Queries only ${a.label} answered correctly`,
      (c) => c.agreement.only_a_right,
    ),
    count(
      `only_${b.id}_right`,
      `Only ${b.label} right`,
      `Queries only ${b.label} answered correctly`,
      (c) => c.agreement.only_b_right,
    ),
    count('both_wrong', 'Both wrong', 'Queries both runs got wrong', (c) => c.agreement.both_wrong),
  ];
}

/**
 * One sentence on a comparison: both accuracies, A − B with its interval, McNemar's verdict at 5%
 * and the cost difference. `names`: the two sides in full ("gpt-4o (A)") and short ("A").
 */
export function comparisonFinding(c: RunComparison, names: { a: string; b: string }, sides: Sides): string {
  const verdict =
    c.mcnemar.p_value < 0.05 ? 'a difference at the 5% level' : 'no significant difference at the 5% level';
  const minus = `${sides.a.label} − ${sides.b.label}`;
  const cost = c.cost_usd ? `; cost per query ${minus} ${withInterval(c.cost_usd, formatSignedUsd)}` : '';
  return `${names.a} against ${names.b} on ${c.matched} shared queries: accuracy ${formatShare(c.accuracy.mean_a)} against ${formatShare(c.accuracy.mean_b)}, ${minus} ${withInterval(c.accuracy, formatSignedShare)}; McNemar ${formatPValue(c.mcnemar.p_value)}, ${verdict}${cost}.`;
}

/** Titles and help texts of the three difference columns (each view words its A − B its own way). */
export interface DifferenceWords {
  accuracy: { title: string; help: string };
  cost: { title: string; help: string };
  latency: { title: string; help: string };
}

/**
 * The columns of a comparison's two tables, after the columns naming the pair: accuracy (each
 * side, A − B with its interval, McNemar's p, the agreement counts), and cost and latency (each
 * side and A − B with its interval).
 */
export function comparisonColumns<R>(
  sides: Sides,
  pick: (r: R) => RunComparison,
  words: DifferenceWords,
): { accuracy: Column<R>[]; costLatency: Column<R>[] } {
  return {
    accuracy: [
      ...measureColumns<R>(
        sides,
        'accuracy',
        'Accuracy',
        words.accuracy,
        (r) => pick(r).accuracy,
        formatShare,
        formatSignedShare,
      ),
      ...agreementColumns(sides, pick),
    ],
    costLatency: [
      ...measureColumns<R>(sides, 'cost', 'Cost', words.cost, (r) => pick(r).cost_usd, formatUsd, formatSignedUsd),
      ...measureColumns<R>(
        sides,
        'latency',
        'Latency',
        words.latency,
        (r) => pick(r).latency_s,
        formatSeconds,
        formatSignedSeconds,
      ),
    ],
  };
}

/** The queries both runs answered: the ones every figure of the comparison is on. */
export function matchedColumn<R>(pick: (r: R) => RunComparison): Column<R> {
  return {
    id: 'matched',
    title: 'Queries',
    help: 'Queries both runs answered (matched by query id); the comparison uses only these',
    numeric: true,
    value: (r) => pick(r).matched,
    format: (r) => formatInteger(pick(r).matched),
  };
}
