/**
 * Which files the host may read or write when a path comes from a webview (a form field, a saved
 * state, a button's argument). A path is allowed when, with symlinks followed (realpath), it lies
 * inside an open workspace folder or an extra root (the bundled examples), or when the user chose
 * exactly that path in one of VS Code's own pickers, the explorer or the Eval Logs tree (a
 * "grant", remembered per workspace so a reloaded panel keeps its log). Everything else is refused
 * with a sentence saying why. No `vscode` import: tested in plain Node against real symlinks.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The slice of `vscode.Memento` that keeps the grants. */
export interface GrantStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export type FileCheck = { ok: true; path: string } | { ok: false; reason: string };

export interface FileAccessOptions {
  /** The workspace folders now open (file system paths). */
  folders(): readonly string[];
  /** Further folders whose files are always allowed (e.g. the extension's examples). */
  extraRoots?: readonly string[];
  /** Where grants survive a window reload (the workspace state); in memory only when absent. */
  store?: GrantStore;
}

const GRANTS_KEY = 'costRiskLab.grantedFiles';
/** Grants kept at most (the oldest go first). */
export const MAX_GRANTS = 200;
/** A path longer than this is refused unread. */
const MAX_PATH = 4096;

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const norm = (p: string): string => (caseInsensitive ? p.toLowerCase() : p);

/** True when `file` is `root` itself or below it (both absolute, already resolved). */
export function isInside(file: string, root: string): boolean {
  const rel = relative(norm(root), norm(file));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A path as it may appear in a message: control characters removed, at most 160 characters. */
function shown(p: string): string {
  const clean = p.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return clean.length > 160 ? `…${clean.slice(-159)}` : clean;
}

export class FileAccess {
  private readonly grants: string[];

  constructor(private readonly o: FileAccessOptions) {
    const saved = o.store?.get<unknown>(GRANTS_KEY);
    this.grants = Array.isArray(saved)
      ? saved.filter((x): x is string => typeof x === 'string' && isAbsolute(x)).slice(-MAX_GRANTS)
      : [];
  }

  /** Remembers a path the user chose in a picker, the explorer or the Eval Logs tree. */
  grant(file: string): void {
    if (!isAbsolute(file) || file.length > MAX_PATH) return;
    const p = resolve(file);
    const i = this.grants.indexOf(p);
    if (i >= 0) this.grants.splice(i, 1);
    this.grants.push(p);
    if (this.grants.length > MAX_GRANTS) this.grants.splice(0, this.grants.length - MAX_GRANTS);
    void this.o.store?.update(GRANTS_KEY, [...this.grants]);
  }

  /** Whether the user chose exactly this path. */
  isGranted(file: string): boolean {
    return isAbsolute(file) && this.grants.includes(resolve(file));
  }

  /**
   * Checks a path from a webview. Relative paths are taken from the first workspace folder.
   * `read`: an existing regular file; `write`: an existing regular file or a new name in an
   * existing folder. Returns the real path to use (symlinks resolved), or why it is refused.
   */
  async check(input: string, purpose: 'read' | 'write'): Promise<FileCheck> {
    const refuse = (why: string): FileCheck => ({ ok: false, reason: `${shown(input)}: ${why}` });
    if (typeof input !== 'string' || input.trim() === '') return { ok: false, reason: 'no file given' };
    if (input.length > MAX_PATH || input.includes('\u0000')) return refuse('not a usable file path');
    const folders = this.o.folders();
    if (!isAbsolute(input) && folders.length === 0)
      return refuse('a relative path needs an open workspace folder; choose the file with Browse instead');
    const full = isAbsolute(input) ? resolve(input) : resolve(folders[0], input);
    const real = await realTarget(full, purpose);
    if (!real.ok) return refuse(real.reason);
    if (this.isGranted(full) || this.isGranted(real.path)) return { ok: true, path: real.path };
    const roots = await Promise.all(
      [...folders, ...(this.o.extraRoots ?? [])].map((r) => realpath(r).catch(() => null)),
    );
    if (roots.some((r) => r !== null && isInside(real.path, r))) return { ok: true, path: real.path };
    const via = real.path === full ? '' : ` (it leads to ${shown(real.path)})`;
    return refuse(
      `outside the workspace folders${via}. Open files outside the workspace with Browse… or the explorer, not by typing their path`,
    );
  }
}

/** The real path of `full` for reading or writing, or why there is none. */
async function realTarget(full: string, purpose: 'read' | 'write'): Promise<FileCheck> {
  try {
    const real = await realpath(full);
    // FIFOs, devices and folders are refused: reading a FIFO would block, a folder is not a log.
    if (!(await stat(real)).isFile()) return { ok: false, reason: 'not a regular file' };
    return { ok: true, path: real };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      return { ok: false, reason: code === 'ELOOP' ? 'a symbolic link loop' : `cannot be read (${code ?? 'error'})` };
    if (purpose === 'read') return { ok: false, reason: 'no such file' };
  }
  // A new file: its folder must exist; the name is kept.
  try {
    const dir = await realpath(dirname(full));
    if (!(await stat(dir)).isDirectory()) return { ok: false, reason: 'its folder is not a folder' };
    return { ok: true, path: join(dir, basename(full)) };
  } catch {
    return { ok: false, reason: 'its folder does not exist' };
  }
}
