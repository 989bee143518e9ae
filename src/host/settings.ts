import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';

/** The extension's settings (package.json `contributes.configuration`, section `costRiskLab`). */
export interface Settings {
  /** Glob of eval logs in the workspace. */
  logGlob: string;
  /** Raw price table object from settings; parsed in the worker, errors reported as warnings. */
  prices: unknown;
  correctThreshold: number;
  /** Absolute path of the workspace price file, or null. */
  priceFile: string | null;
}

export const SETTINGS_SECTION = 'costRiskLab';
export const DEFAULT_LOG_GLOB = '**/*.{jsonl,json,csv,eval}';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const priceFile = c.get<string>('priceFile', '').trim();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const threshold = c.get<number>('correctThreshold', 0.5);
  return {
    logGlob: c.get<string>('logGlob', DEFAULT_LOG_GLOB).trim() || DEFAULT_LOG_GLOB,
    // Configuration values are read-only proxies that cannot cross postMessage: copy to plain JSON.
    prices: JSON.parse(JSON.stringify(c.get<unknown>('prices', {}) ?? {})) as unknown,
    correctThreshold: Number.isFinite(threshold) && threshold >= 0 && threshold <= 1 ? threshold : 0.5,
    priceFile: priceFile === '' ? null : isAbsolute(priceFile) || !folder ? priceFile : join(folder, priceFile),
  };
}

/** What a worker job on a log takes besides its own options: the log and the settings that price and score it. */
export function logJobSource(file: string, settings: Settings = readSettings()): { file: string; prices: unknown; priceFile: string | null; correctThreshold: number } {
  return { file, prices: settings.prices, priceFile: settings.priceFile, correctThreshold: settings.correctThreshold };
}

/** Fires when any Cost-Risk Lab setting changes. */
export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTINGS_SECTION)) listener();
  });
}
