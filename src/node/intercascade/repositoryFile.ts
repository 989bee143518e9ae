/** The strategy repository's file: saved atomically, loaded with every line checked. */
import { readFile } from 'node:fs/promises';
import { formatRepositoryJsonl, parseRepositoryJsonl } from '../../engines/intercascade/repositoryJsonl';
import type { JsonlRecords } from '../../engines/intercascade/jsonlRecords';
import type { StrategyEntry } from '../../engines/intercascade/strategyRepository';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';

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
