/** Messages and data of the "Compare Two Logs" panel (two runs, query by query). Types and guards only. */
import type { RunComparison } from '../engines/compare/compareRuns';
import type { SelectionViewProtocol, SelectionViewState } from './logView';

export type { RunComparison };

/** What the host needs to reopen the panel: run A (`file`) and run B. */
export interface CompareLogsHostState {
  file: string;
  fileB: string;
}

export function isCompareLogsHostState(x: unknown): x is CompareLogsHostState {
  if (typeof x !== 'object' || x === null) return false;
  const { file, fileB } = x as { file?: unknown; fileB?: unknown };
  return typeof file === 'string' && file !== '' && typeof fileB === 'string' && fileB !== '';
}

/**
 * Which models are compared: `modelA` of log A against `modelB` of log B; both '' = every model
 * the two logs share, each against itself (or their only models when each log has one).
 */
export interface CompareSelection {
  modelA: string;
  modelB: string;
}

/** One compared pair: its comparison, or why there is none (e.g. no query in common). */
export interface ComparedPair {
  modelA: string;
  modelB: string;
  comparison: RunComparison | null;
  problem: string | null;
}

export interface CompareData {
  fileA: string;
  fileB: string;
  modelsA: string[];
  modelsB: string[];
  pairs: ComparedPair[];
  /** Problems met reading either log, and notes on the pairs (queries left out). */
  warnings: string[];
}

export type CompareLogsWebviewState = SelectionViewState<CompareSelection> & { fileB: string };

/** `compare`: the comparison for a selection (null = every shared model); `logChanged`: ask again. */
export type CompareLogsProtocol = SelectionViewProtocol<'compare', CompareSelection, CompareData>;
