import { asView, type RecordView } from './recordView';
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
export function costSourceNote(records: readonly EvalRecord[] | RecordView): string | null {
  const view = asView(records);
  const bySource = new Map<CostSource, Set<string>>();
  for (let i = 0; i < view.length; i++) {
    const source = view.costSource(i);
    if (source === 'log') continue;
    let models = bySource.get(source);
    if (models === undefined) bySource.set(source, (models = new Set()));
    models.add(view.model(i));
  }
  if (bySource.size === 0) return null;
  const parts = [...SOURCE_WORDS]
    .filter(([s]) => bySource.has(s))
    .map(([s, words]) => `${[...bySource.get(s)!].join(', ')} from ${words}`);
  return `costs: ${parts.join('; ')}`;
}
