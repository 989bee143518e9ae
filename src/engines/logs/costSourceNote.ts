import type { CostSource, EvalRecord } from './types';

const SOURCE_WORDS: ReadonlyMap<CostSource, string> = new Map([
  ['prices', 'your price table'],
  ['database', 'the bundled price database (genai-prices)'],
  ['none', 'nowhere (no cost in the log and no price): their costs are unknown'],
]);

/**
 * One sentence saying where the costs came from when it is not simply the log itself, e.g.
 * `costs: openai/gpt-5 and google/gemini-2.5-pro from the bundled price database (genai-prices);
 * local from nowhere (...)`; null when every record's cost is the log's own.
 */
export function costSourceNote(records: readonly EvalRecord[]): string | null {
  const bySource = new Map<CostSource, Set<string>>();
  for (const r of records) {
    if (r.costSource === 'log') continue;
    let models = bySource.get(r.costSource);
    if (models === undefined) bySource.set(r.costSource, (models = new Set()));
    models.add(r.model);
  }
  if (bySource.size === 0) return null;
  const parts = [...SOURCE_WORDS]
    .filter(([s]) => bySource.has(s))
    .map(([s, words]) => `${[...bySource.get(s)!].join(', ')} from ${words}`);
  return `costs: ${parts.join('; ')}`;
}
