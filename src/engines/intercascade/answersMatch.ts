/**
 * Whether a model's answer equals the gold answer, after light normalisation: case, surrounding
 * whitespace, quotes, brackets and a final full stop are ignored, runs of spaces count as one; when
 * both sides read as numbers (thousands separators, `$` and `%` ignored) they are compared as
 * numbers (relative tolerance 1e-9). Anything looser (synonyms, units, worded numbers) needs a grader
 * and is out of scope: such answers count as wrong.
 */
export function answersMatch(answer: string, gold: string): boolean {
  const a = normalizeAnswer(answer);
  const g = normalizeAnswer(gold);
  if (a === g) return a !== '';
  const x = asNumber(a);
  const y = asNumber(g);
  return x !== null && y !== null && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
}

export function normalizeAnswer(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\.$/, '')
    .replace(/^["'([{]+|["')\]}]+$/g, '')
    .trim();
}

function asNumber(s: string): number | null {
  const t = s.replace(/[,$%\s]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return null;
  return Number(t);
}
