import type * as vscode from 'vscode';
import { MAX_RUNS, parseRunsViewHostState, type RunsViewHostState } from '../../protocol/logView';

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

/** The argument that makes a runs command (Analyze Eval Log, Economic Evaluation) open `state`: what runsFromArgs reads back. */
export function runsCommandArg({ file, runs }: RunsViewHostState): { kind: 'runs' } & RunsViewHostState {
  return { kind: 'runs', file, runs };
}

/**
 * The runs a command was invoked on: several logs selected in the explorer or the Eval Logs view
 * (VS Code passes the clicked item, then every selected one: the first selected is the log, the
 * others its runs, at most MAX_RUNS in all), or `{ kind: 'runs', file, runs }` from a view.
 * Undefined for one log or none.
 */
export function runsFromArgs(args: readonly unknown[]): RunsViewHostState | undefined {
  const first = args[0] as { kind?: unknown } | null | undefined;
  if (typeof first === 'object' && first !== null && first.kind === 'runs') return parseRunsViewHostState(first);
  if (!Array.isArray(args[1])) return undefined;
  const files = [...new Set(args[1].map(fileFromArg).filter((f): f is string => f !== undefined))];
  if (files.length < 2) return undefined;
  return { file: files[0], runs: files.slice(1, MAX_RUNS) };
}
