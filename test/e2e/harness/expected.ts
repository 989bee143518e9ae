import { readFileSync } from 'node:fs';

export interface ModelFigures {
  n: number;
  accuracy: number;
}

/**
 * Per-model figures of one split of a native JSONL log, recomputed here independently of the
 * extension (plain JSON.parse per line; `correct` true or a score >= 0.5 counts as right; lines that
 * do not parse or lack a model are ignored, as the extension skips them).
 */
export function splitFigures(file: string, split: string): Map<string, ModelFigures> {
  const acc = new Map<string, { n: number; right: number }>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    let r: { model?: unknown; split?: unknown; correct?: unknown };
    try {
      r = JSON.parse(line.replace(/\bNaN\b|-?\bInfinity\b/g, 'null')) as typeof r;
    } catch {
      continue;
    }
    if (typeof r.model !== 'string' || r.split !== split) continue;
    const right = r.correct === true || (typeof r.correct === 'number' && r.correct >= 0.5);
    if (typeof r.correct !== 'boolean' && typeof r.correct !== 'number') continue;
    const a = acc.get(r.model) ?? { n: 0, right: 0 };
    a.n++;
    if (right) a.right++;
    acc.set(r.model, a);
  }
  return new Map([...acc].map(([m, a]) => [m, { n: a.n, accuracy: a.right / a.n }]));
}
