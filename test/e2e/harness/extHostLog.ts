import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files under `dir` whose name matches `re` (recursive). */
function findFiles(dir: string, re: RegExp): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) out = out.concat(findFiles(p, re));
    else if (re.test(name)) out.push(p);
  }
  return out;
}

/** The last lines of the extension host's log (activation errors and stack traces land there). */
export function extHostLogTail(userDataDir: string, lines = 40): string {
  try {
    return findFiles(join(userDataDir, 'logs'), /^exthost\.log$/)
      .map((f) => readFileSync(f, 'utf8').split('\n').slice(-lines).join('\n'))
      .join('\n');
  } catch {
    return '';
  }
}
