/** The strategy repository's JSONL text: one entry per line, formatted and parsed (src/node/intercascade/repositoryFile.ts reads and writes the file). */
import { confidenceField, parseJsonlRecords, textField, type JsonlRecords } from './jsonlRecords';
import type { StrategyEntry } from './strategyRepository';

/** One line per entry: {"query_id", "query", "answer", "strategy", "confidence"}, newline-terminated. */
export function formatRepositoryJsonl(entries: readonly StrategyEntry[]): string {
  return entries
    .map(
      (e) =>
        JSON.stringify({
          query_id: e.queryId,
          query: e.query,
          answer: e.answer,
          strategy: e.strategy,
          confidence: e.confidence,
        }) + '\n',
    )
    .join('');
}

/** Reads a repository file's text; every field is required (answer may be empty). */
export function parseRepositoryJsonl(text: string): JsonlRecords<StrategyEntry> {
  return parseJsonlRecords(text, (o) => ({
    queryId: textField(o, 'query_id'),
    query: textField(o, 'query'),
    answer: textField(o, 'answer', { optional: true }) ?? '',
    strategy: textField(o, 'strategy'),
    confidence: confidenceField(o, 'confidence'),
  }));
}
