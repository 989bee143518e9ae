/**
 * The reference and answer texts of an lm-evaluation-harness sample (issue 14 item 2), as native
 * `reference` and `answer` fields for the drill-down query table.
 */
import { asString } from './readJsonDocument';

type Texts = { reference?: string; answer?: string };

/** The sample's `target` as text: a string as it is, a number written out; undefined otherwise. */
function targetText(target: unknown): string | undefined {
  if (typeof target === 'string') return target.trim() === '' ? undefined : target;
  return typeof target === 'number' && Number.isFinite(target) ? String(target) : undefined;
}

/**
 * A multiple-choice sample: the reference is the option `target` points at (an index, as a number or
 * a numeric string) when the options' texts are known, else `target` itself; the answer is the text
 * of the option the metric chose (`best`), trimmed. Either is left out when unknown.
 */
export function optionTexts(target: unknown, options: string[] | null, best: number): Texts {
  const out: Texts = {};
  const t = targetText(target);
  const index = t !== undefined && /^\d+$/.test(t.trim()) ? Number(t.trim()) : -1;
  if (options && index >= 0 && index < options.length) out.reference = options[index].trim();
  else if (t !== undefined) out.reference = t;
  const chosen = options?.[best]?.trim();
  if (chosen) out.answer = chosen;
  return out;
}

/**
 * A generated answer: the reference is `target`; the answer is the filtered response the metric
 * scored (`filtered_resps[0]`), followed by the model's whole response (`resps[0][0]`) when the
 * filter extracted part of it. A single-option log-likelihood sample (asdiv) has no answer text.
 */
export function generationTexts(sample: Record<string, unknown>): Texts {
  const out: Texts = {};
  const t = targetText(sample.target);
  if (t !== undefined) out.reference = t;
  const filtered = Array.isArray(sample.filtered_resps) ? asString(sample.filtered_resps[0]) : undefined;
  const first = Array.isArray(sample.resps) ? sample.resps[0] : undefined;
  const whole = Array.isArray(first) ? asString(first[0]) : undefined;
  const f = filtered?.trim() ? filtered : undefined;
  const w = whole?.trim() ? whole : undefined;
  if (f !== undefined && w !== undefined && f !== w) out.answer = `${f}\n— extracted from the response: ${w}`;
  else if (f ?? w) out.answer = f ?? w;
  return out;
}
