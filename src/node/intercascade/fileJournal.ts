import { mkdir, open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JournalStore } from '../../engines/intercascade/cascadeJournal';

/**
 * A journal in a file: every append is one `write` on a descriptor opened for appending, followed
 * by `fdatasync`, so a record is on disk before the next paid call is made; a kill can leave at
 * most a cut-short last line. The folder is created when missing. Call `close()` when done.
 */
export function fileJournalStore(file: string): JournalStore & { close(): Promise<void> } {
  let fh: FileHandle | null = null;
  return {
    name: file,
    async read() {
      try {
        return await readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async truncate(bytes) {
      await truncate(file, bytes);
    },
    async append(text) {
      if (!fh) {
        await mkdir(dirname(file), { recursive: true });
        fh = await open(file, 'a');
      }
      await fh.write(text);
      await fh.datasync();
    },
    async close() {
      await fh?.close();
      fh = null;
    },
  };
}
