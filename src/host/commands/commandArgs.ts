import type * as vscode from 'vscode';

/**
 * The file a command was invoked on: a Uri (explorer context menu, editor title), a list of Uris
 * (multi-select: the first), or an "Eval Logs" tree node. Undefined when invoked from the palette.
 * No `vscode` value import: tested in plain Node with Uri-shaped objects.
 */
export function fileFromArg(arg: unknown): string | undefined {
  if (Array.isArray(arg)) return fileFromArg(arg[0]);
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as Record<string, unknown>;
  if (typeof o.fsPath === 'string' && o.scheme === 'file') return o.fsPath;
  if (o.kind === 'log' && typeof o.log === 'object' && o.log !== null)
    return fileFromArg((o.log as { uri?: vscode.Uri }).uri);
  if ((o.kind === 'model' || o.kind === 'info') && typeof o.file === 'string') return o.file;
  return undefined;
}
