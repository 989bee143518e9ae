import { asObject, asString } from './readJsonDocument';

/**
 * promptfoo assertion types that measure the call rather than the answer: how long it took, what
 * it cost, how sure the model was (perplexity), why generation stopped, and the timing or errors of
 * its trace. Their `not-` forms count too. Every other type (equals, contains, regex, javascript,
 * llm-rubric, similar, is-json, moderation, word-count...) judges the answer's content.
 */
export const OPERATIONAL_ASSERTION_TYPES: ReadonlySet<string> = new Set([
  'latency',
  'cost',
  'perplexity',
  'perplexity-score',
  'finish-reason',
  'trace-span-duration',
  'trace-error-spans',
]);

/** `promptfooAssertion` value that asks for promptfoo's own verdict (every assertion, as its `success` and `stats` count). */
export const ALL_ASSERTIONS = '*';

/** True for an assertion type that measures the call, not the answer (see OPERATIONAL_ASSERTION_TYPES). */
export function isOperationalAssertion(type: string): boolean {
  return OPERATIONAL_ASSERTION_TYPES.has(type.startsWith('not-') ? type.slice(4) : type);
}

/** One graded assertion, or an assert-set with the assertions it grouped. */
type Unit =
  | { kind: 'leaf'; type: string; metric: string; pass: boolean; score: number; weight: number }
  | { kind: 'set'; pass: boolean; score: number; children: Unit[] };

/** How a result's correctness was decided. `excluded` lists the operational assertion types left out (empty when none). */
export interface Verdict {
  pass: boolean;
  /** promptfoo's own verdict (`success`, else `gradingResult.pass`), for counting changed verdicts. */
  own: boolean;
  excluded: string[];
  /** True when the test declares an operational assertion but the result has no per-assertion results to leave it out of. */
  opaque?: boolean;
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/**
 * Reads `gradingResult.componentResults` into units. promptfoo lists an assert-set's result and then
 * a flattened copy of each of its component results; the copies are skipped (the set's own nested
 * `componentResults` are read instead), so no assertion counts twice. Depth is bounded.
 */
function parseUnits(list: unknown[], depth: number): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = asObject(list[i]);
    if (!c || typeof c.pass !== 'boolean') continue;
    const children = c.componentResults;
    if (Array.isArray(children) && children.length > 0 && depth < 8) {
      units.push({
        kind: 'set',
        pass: c.pass,
        score: num(c.score, c.pass ? 1 : 0),
        children: parseUnits(children, depth + 1),
      });
      if (copiesFollow(list, i, children)) i += children.length;
      continue;
    }
    const assertion = asObject(c.assertion);
    units.push({
      kind: 'leaf',
      type: asString(assertion?.type) ?? '',
      metric: asString(assertion?.metric) ?? '',
      pass: c.pass,
      score: num(c.score, c.pass ? 1 : 0),
      weight: Math.max(0, num(assertion?.weight, 1)),
    });
  }
  return units;
}

/** Do the entries after list[i] repeat the set's children (same assertion types, in order)? */
function copiesFollow(list: unknown[], i: number, children: unknown[]): boolean {
  if (i + children.length >= list.length) return false;
  const typeOf = (v: unknown): string =>
    asString(asObject(asObject(v)?.assertion)?.type) ?? (Array.isArray(asObject(v)?.componentResults) ? '<set>' : '');
  for (let k = 0; k < children.length; k++) if (typeOf(list[i + 1 + k]) !== typeOf(children[k])) return false;
  return true;
}

function leaves(units: Unit[], out: Extract<Unit, { kind: 'leaf' }>[] = []): Extract<Unit, { kind: 'leaf' }>[] {
  for (const u of units) {
    if (u.kind === 'leaf') out.push(u);
    else leaves(u.children, out);
  }
  return out;
}

/**
 * The verdict of `units` without their operational assertions, or null when nothing else is left.
 * With a `threshold` (the test's own), the weighted mean score of what is left must reach it, as
 * promptfoo decides a thresholded test; without one, every assertion left must pass. A set whose
 * assertions are all about content keeps its own verdict; a set mixing both is decided by its
 * content assertions alone.
 */
function contentVerdict(units: Unit[], threshold: number | undefined): { pass: boolean; score: number } | null {
  const kept: { pass: boolean; score: number; weight: number }[] = [];
  for (const u of units) {
    if (u.kind === 'leaf') {
      if (!isOperationalAssertion(u.type)) kept.push(u);
    } else if (!leaves(u.children).some((l) => isOperationalAssertion(l.type)))
      kept.push({ pass: u.pass, score: u.score, weight: 1 });
    else {
      const inner = contentVerdict(u.children, undefined);
      if (inner) kept.push({ ...inner, weight: 1 });
    }
  }
  if (kept.length === 0) return null;
  const totalWeight = kept.reduce((s, k) => s + k.weight, 0);
  const score = totalWeight > 0 ? kept.reduce((s, k) => s + k.score * k.weight, 0) / totalWeight : 0;
  return { pass: threshold === undefined ? kept.every((k) => k.pass) : score >= threshold, score };
}

/**
 * Whether one promptfoo result counts as a right answer, or why it cannot say.
 * - `selection` undefined (default): by the content assertions; operational ones (latency, cost...)
 *   are left out. A result with no operational assertion keeps promptfoo's own verdict unchanged.
 * - `selection` '*': promptfoo's own verdict (`success`), every assertion included.
 * - any other `selection`: only the assertions whose type or metric name equals it; all must pass.
 */
export function promptfooVerdict(
  r: Record<string, unknown>,
  selection: string | undefined,
): Verdict | { error: string } {
  const grading = asObject(r.gradingResult);
  const own =
    typeof r.success === 'boolean' ? r.success : typeof grading?.pass === 'boolean' ? grading.pass : undefined;
  if (own === undefined) return { error: 'neither "success" nor "gradingResult.pass" is a boolean' };
  if (selection === ALL_ASSERTIONS) return { pass: own, own, excluded: [] };
  const list = grading?.componentResults;
  const units = Array.isArray(list) ? parseUnits(list, 0) : [];
  const all = leaves(units);
  if (selection !== undefined) {
    const chosen = all.filter((l) => l.type === selection || l.metric === selection);
    if (chosen.length === 0)
      return { error: `no assertion of type or metric "${selection}" (this result has ${describeAssertions(all)})` };
    return { pass: chosen.every((l) => l.pass), own, excluded: [] };
  }
  if (units.length === 0) {
    const declared = declaredTypes(r);
    if (declared.length === 0) return { error: 'the test has no assertions: nothing says whether the answer is right' };
    return { pass: own, own, excluded: [], opaque: declared.some(isOperationalAssertion) };
  }
  const excluded = all.filter((l) => isOperationalAssertion(l.type)).map((l) => l.type);
  if (excluded.length === 0) return { pass: own, own, excluded };
  const threshold = asObject(r.testCase)?.threshold;
  const content = contentVerdict(
    units,
    typeof threshold === 'number' && Number.isFinite(threshold) ? threshold : undefined,
  );
  if (content === null)
    return {
      error: `only operational assertions (${[...new Set(excluded)].join(', ')}): no content check says whether the answer is right`,
    };
  return { pass: content.pass, own, excluded };
}

function describeAssertions(all: { type: string; metric: string }[]): string {
  if (all.length === 0) return 'no graded assertions';
  const names = [...new Set(all.map((l) => (l.metric ? `${l.type || '?'} (metric ${l.metric})` : l.type || '?')))];
  return names.slice(0, 6).join(', ') + (names.length > 6 ? ', ...' : '');
}

/** The assertion types the result's test case declares (top level), for results without `componentResults`. */
function declaredTypes(r: Record<string, unknown>): string[] {
  const asserts = asObject(r.testCase)?.assert;
  return Array.isArray(asserts) ? asserts.map((a) => asString(asObject(a)?.type) ?? '') : [];
}
