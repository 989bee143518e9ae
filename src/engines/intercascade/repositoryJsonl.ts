import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
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

/** Saves the entries atomically (readers see the old file or the new one, never half of it). */
export async function saveRepository(file: string, entries: readonly StrategyEntry[]): Promise<void> {
  await writeFileAtomic(file, formatRepositoryJsonl(entries));
}

/** Loads a repository file; a missing file is an empty repository when `allowMissing`. */
export async function loadRepository(
  file: string,
  opts: { allowMissing?: boolean } = {},
): Promise<JsonlRecords<StrategyEntry>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (opts.allowMissing && (e as NodeJS.ErrnoException).code === 'ENOENT') return { items: [], problems: [] };
    throw e;
  }
  return parseRepositoryJsonl(text);
}
