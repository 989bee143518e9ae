import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LogSummary } from '../../protocol/logSummary';
import type { EngineClient, ProgressPlace } from '../engine/engineClient';
import { isAbortError } from '../engine/workerClient';
import type { ProblemReporter } from '../problems/problemReporter';
import { logJobSource, onSettingsChanged, readSettings } from '../settings';
import { findEvalLogs, type FoundLog } from './findEvalLogs';
import type { LogPickerSource } from './logPicker';

interface CacheEntry {
  key: string;
  summary: Promise<LogSummary>;
}

/**
 * One place that reads logs for every view: summaries come from the worker's `summarizeLog` job,
 * cached per file by modification time, size and settings; problems are reported once per version.
 * `onDidChange` fires with a file (or undefined for all) when a cached summary is stale.
 */
export class LogService implements vscode.Disposable, LogPickerSource {
  private readonly cache = new Map<string, CacheEntry>();
  /** Summaries that finished reading, by file (what `peek` answers without starting a read). */
  private readonly settled = new Map<string, { key: string; summary: LogSummary }>();
  private settingsVersion = 0;
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly engine: EngineClient,
    private readonly problems: ProblemReporter,
  ) {
    this.disposables.push(
      onSettingsChanged(() => {
        this.settingsVersion++;
        this.cache.clear();
        this.changed.fire(undefined);
      }),
    );
  }

  /** The summary of a log, from the cache when the file has not changed. Rejects with AbortError if cancelled. */
  async summary(
    file: string,
    progress: ProgressPlace = 'window',
    token?: vscode.CancellationToken,
  ): Promise<LogSummary> {
    const settings = readSettings();
    const [st, prices] = await Promise.all([
      stat(file).catch(() => null),
      settings.priceFile ? stat(settings.priceFile).catch(() => null) : null,
    ]);
    // Stale when the log, the settings or the workspace price file changed.
    const key = `${st?.mtimeMs ?? 0}:${st?.size ?? -1}:${this.settingsVersion}:${prices?.mtimeMs ?? 0}`;
    const hit = this.cache.get(file);
    if (hit && hit.key === key) return hit.summary;
    const summary = this.engine.run('summarizeLog', logJobSource(file, settings), {
      title: `Cost-Risk Lab: reading ${basename(file)}`,
      progress,
      token,
    });
    const entry = { key, summary };
    this.cache.set(file, entry);
    summary.then(
      (s) => {
        if (this.cache.get(file) === entry) this.settled.set(file, { key, summary: s });
        this.problems.report(s);
      },
      (err: unknown) => {
        if (this.cache.get(file) === entry) this.cache.delete(file);
        if (!isAbortError(err)) this.problems.error(`Reading ${basename(file)} failed`, err);
      },
    );
    return summary;
  }

  /** The summary of a log if one was read and nothing changed since the read began (never starts a read). */
  peek(file: string): LogSummary | undefined {
    const done = this.settled.get(file);
    return done && this.cache.get(file)?.key === done.key ? done.summary : undefined;
  }

  /** The workspace's eval logs by the glob setting (the scan the Eval Logs view makes). */
  findLogs(): Promise<FoundLog[]> {
    return findEvalLogs(readSettings().logGlob);
  }

  /** An unexpected failure, logged and announced with "Show Details". */
  reportError(context: string, err: unknown): void {
    this.problems.error(context, err);
  }

  /** Forgets a file (it changed or was deleted) and tells the views. */
  invalidate(file: string): void {
    this.cache.delete(file);
    this.changed.fire(file);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
