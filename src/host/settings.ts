import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';
import type { LogSourceParams } from '../worker/jobs/logSource';
import type { RunsViewHostState } from '../protocol/logView';

/** The extension's settings (package.json `contributes.configuration`, section `costRiskLab`). */
export interface Settings {
  /** Glob of eval logs in the workspace. */
  logGlob: string;
  /** Raw price table object from settings; parsed in the worker, errors reported as warnings. */
  prices: unknown;
  correctThreshold: number;
  /** Absolute path of the workspace price file, or null. */
  priceFile: string | null;
  /** What counts as correct in lm-evaluation-harness and Inspect logs (undefined: the reader's default). */
  lmEvalMetric?: string;
  lmEvalFilter?: string;
  inspectScorer?: string;
  promptfooAssertion?: string;
  priceDatabase: boolean;
  keepEpochs: boolean;
  trainFraction: number;
  splitSeed: number;
}

export const SETTINGS_SECTION = 'costRiskLab';
export const DEFAULT_LOG_GLOB = '**/*.{jsonl,json,csv,eval}';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const priceFile = c.get<string>('priceFile', '').trim();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const threshold = c.get<number>('correctThreshold', 0.5);
  const name = (key: string): string | undefined => c.get<string>(key, '').trim() || undefined;
  return {
    logGlob: c.get<string>('logGlob', DEFAULT_LOG_GLOB).trim() || DEFAULT_LOG_GLOB,
    // Configuration values are read-only proxies that cannot cross postMessage: copy to plain JSON.
    prices: JSON.parse(JSON.stringify(c.get<unknown>('prices', {}) ?? {})) as unknown,
    correctThreshold: Number.isFinite(threshold) && threshold >= 0 && threshold <= 1 ? threshold : 0.5,
    priceFile: priceFile === '' ? null : isAbsolute(priceFile) || !folder ? priceFile : join(folder, priceFile),
    lmEvalMetric: name('lmEval.metric'),
    lmEvalFilter: name('lmEval.filter'),
    inspectScorer: name('inspect.scorer'),
    promptfooAssertion: name('promptfoo.assertion'),
    priceDatabase: c.get<boolean>('priceDatabase', true) !== false,
    keepEpochs: c.get<boolean>('keepEpochs', false) === true,
    trainFraction: inOpenUnit(c.get<number>('split.trainFraction', 0.5), 0.5),
    splitSeed: Math.max(0, Math.floor(Number(c.get<number>('split.seed', 1))) || 0),
  };
}

/** A share strictly between 0 and 1, else the fallback. */
function inOpenUnit(v: unknown, fallback: number): number {
  return typeof v === 'number' && v > 0 && v < 1 ? v : fallback;
}

/** What a worker job on a log takes besides its own options: the log and the settings that price and score it. */
export function logJobSource(file: string, settings: Settings = readSettings()): LogSourceParams {
  const {
    prices,
    priceFile,
    correctThreshold,
    lmEvalMetric,
    lmEvalFilter,
    inspectScorer,
    promptfooAssertion,
    priceDatabase,
    keepEpochs,
    trainFraction,
    splitSeed,
  } = settings;
  const chosen = Object.entries({ lmEvalMetric, lmEvalFilter, inspectScorer, promptfooAssertion }).filter(
    ([, v]) => v !== undefined,
  );
  return {
    file,
    prices,
    priceFile,
    correctThreshold,
    priceDatabase,
    keepEpochs,
    trainFraction,
    splitSeed,
    ...Object.fromEntries(chosen),
  };
}

/** The same for a view that may compare the log with other runs: `runs` is passed on when there are any. */
export function runsJobSource({ file, runs }: RunsViewHostState): LogSourceParams {
  return runs?.length ? { ...logJobSource(file), runs } : logJobSource(file);
}

/** Fires when any Cost-Risk Lab setting changes. */
export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTINGS_SECTION)) listener();
  });
}
