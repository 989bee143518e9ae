/**
 * The reference and answer texts of a promptfoo result (issue 14 item 2), as native `reference` and
 * `answer` fields for the drill-down query table.
 */
import { isOperationalAssertion } from './promptfooVerdict';
import { asObject, asString } from './readJsonDocument';

/** Test variables that name the expected answer, tried in order. */
const REFERENCE_VARS = ['expected', 'reference', 'answer', 'target', 'ground_truth'];

/** An assertion value as text: a string, a number, or a list of them joined by " | "; undefined otherwise. */
function valueText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) {
    const parts = v.filter((x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)));
    return parts.length ? parts.join(' | ') : undefined;
  }
  return undefined;
}

/**
 * The reference: the test's `expected` (or `reference`, `answer`, `target`, `ground_truth`)
 * variable, else what its content assertions check, one `type: value` each, joined by "; "
 * (latency, cost and other operational assertions left out).
 */
function referenceOf(vars: Record<string, unknown> | undefined, asserts: unknown): string | undefined {
  for (const k of REFERENCE_VARS) {
    const v = valueText(vars?.[k]);
    if (v !== undefined && v.trim() !== '') return v;
  }
  if (!Array.isArray(asserts)) return undefined;
  const checks: string[] = [];
  for (const a of asserts) {
    const o = asObject(a);
    const type = asString(o?.type);
    const value = valueText(o?.value);
    if (type && value !== undefined && !isOperationalAssertion(type)) checks.push(`${type}: ${value}`);
  }
  return checks.length ? checks.join('; ') : undefined;
}

/** The answer: `response.output` as text (a structured output as JSON). */
function answerOf(response: Record<string, unknown> | undefined): string | undefined {
  const out = response?.output;
  if (typeof out === 'string') return out.trim() === '' ? undefined : out;
  if (out === undefined || out === null) return undefined;
  const json = JSON.stringify(out) as string | undefined;
  return json === undefined || json === '' ? undefined : json;
}

/** The result's `reference` and `answer` fields (each left out when unknown). */
export function promptfooTexts(
  vars: Record<string, unknown> | undefined,
  testCase: Record<string, unknown> | undefined,
  response: Record<string, unknown> | undefined,
): { reference?: string; answer?: string } {
  const out: { reference?: string; answer?: string } = {};
  const reference = referenceOf(vars, testCase?.assert);
  if (reference !== undefined) out.reference = reference;
  const answer = answerOf(response);
  if (answer !== undefined) out.answer = answer;
  return out;
}
