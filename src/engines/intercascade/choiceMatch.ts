/**
 * Multiple-choice matching: the option letter an answer names, in the forms models write it:
 * "B", "(B)", "B.", "B)", "B: Tungsten", "Answer: B", "The answer is (b)", "Option B". A lone
 * lower-case letter counts ("b"), but a lower-case word at the start does not ("a tungsten lamp"
 * names no option).
 */

const PATTERNS: RegExp[] = [
  /^\(?([A-Za-z])\)?\.?$/, // "B", "(b)", "B.", "b)"
  /^\(([A-Za-z])\)/, // "(B) Tungsten"
  /^([A-Z])[.):](?:\s|$)/, // "B. Tungsten", "B) Tungsten", "B: Tungsten"
  /^([A-Z])\s+(?:-|is)\s/, // "B - Tungsten", "B is correct"
  /\b(?:[Aa]nswer|ANSWER|[Oo]ption|[Cc]hoice)\s*(?:is\s*)?[:-]?\s*\(([A-Za-z])\)/, // "the answer is (b)"
  /\b(?:[Aa]nswer|ANSWER|[Oo]ption|[Cc]hoice)\s*(?:is\s*)?[:-]?\s*([A-Za-z])[.)]?\s*$/, // "Answer: b" (a letter at the end)
  /\b(?:[Aa]nswer|ANSWER|[Oo]ption|[Cc]hoice)\s*(?:is\s*)?[:-]?\s*([A-Z])(?![\w'])/, // "Answer: B", "option C, since"
];

/** The upper-case option letter an answer names, or null. */
export function choiceLetter(text: string): string | null {
  const t = text.trim();
  for (const re of PATTERNS) {
    const m = re.exec(t);
    if (m) return m[1].toUpperCase();
  }
  return null;
}

/** Whether the answer names the gold answer's option letter; false when either names none. */
export function choiceAnswersMatch(answer: string, gold: string): boolean {
  const a = choiceLetter(answer);
  return a !== null && a === choiceLetter(gold);
}
