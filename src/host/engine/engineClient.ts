import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import type { JobName, JobParams, JobResult } from '../../worker/jobs';
import { displayLine } from '../text/displayText';
import { WorkerClient } from './workerClient';

/**
 * Where a job's progress shows. 'notification': the status bar at once, and a notification with
 * a Cancel button if the job is still running after NOTIFY_AFTER_MS (quick jobs do not flash a
 * toast). 'window': status bar only. { viewId }: on a view. 'none': nowhere.
 */
export type ProgressPlace = 'notification' | 'window' | { viewId: string } | 'none';

export interface EngineRunOptions {
  /** Shown beside the progress, e.g. "Reading mmlu-llama.jsonl". */
  title: string;
  progress?: ProgressPlace;
  /** An outside cancellation (e.g. the panel closed). */
  token?: vscode.CancellationToken;
  /** Intermediate results the job sends with `ctx.update(data)` (e.g. live figures of a long run). */
  onUpdate?: (data: unknown) => void;
  /** The methods the host offers the job (`ctx.callHost`, see WorkerClient). */
  onHostCall?: (method: string, params: unknown, signal: AbortSignal) => Promise<unknown>;
}

/** Jobs shorter than this never show a notification. */
export const NOTIFY_AFTER_MS = 700;

type Report = (fraction: number, message?: string) => void;

/**
 * Runs worker jobs with VS Code progress: every job shows where it is and can be cancelled; a
 * cancel reaches the worker as a message and the job's promise rejects with an AbortError.
 */
export class EngineClient implements vscode.Disposable {
  private readonly client: WorkerClient;

  /** `cacheDir`: where the worker keeps job results across windows (the extension's global storage); null: memory only. */
  constructor(extensionUri: vscode.Uri, log: (line: string) => void, cacheDir: string | null = null) {
    const script = vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
    this.client = new WorkerClient(() => new Worker(script), log, { dir: cacheDir });
  }

  /** Starts the worker ahead of the first job (when a view that will soon need it first shows). */
  warm(): void {
    this.client.warm();
  }

  /** Forgets every result the worker keeps (the Clear Cached Results command). */
  clearCache(): Promise<void> {
    return this.client.clearCache();
  }

  run<N extends JobName>(job: N, params: JobParams<N>, opts: EngineRunOptions): Promise<JobResult<N>> {
    const place = opts.progress ?? 'notification';
    const controller = new AbortController();
    const outside = opts.token?.onCancellationRequested(() => controller.abort());
    const reporters = new Set<Report>();
    let last: [number, string | undefined] = [0, undefined];
    const result = this.client.run(job, params, {
      signal: controller.signal,
      onProgress: (fraction, message) => {
        last = [fraction, message];
        for (const r of reporters) r(fraction, message);
      },
      onUpdate: opts.onUpdate,
      onHostCall: opts.onHostCall,
    });
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    void settled.then(() => outside?.dispose());
    /** Shows progress somewhere until the job settles; `cancellable` wires the Cancel button. */
    const show = (location: vscode.ProgressLocation | { viewId: string }, cancellable: boolean): void => {
      void vscode.window.withProgress(
        { location, title: displayLine(opts.title, 300), cancellable },
        (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          const report: Report = (fraction, message) => {
            const pct = Math.round(fraction * 100);
            progress.report({
              increment: Math.max(0, pct - reported),
              message: message === undefined ? undefined : displayLine(message, 300),
            });
            reported = Math.max(reported, pct);
          };
          report(...last);
          reporters.add(report);
          return settled.then(() => void reporters.delete(report));
        },
      );
    };
    if (place === 'notification') {
      show(vscode.ProgressLocation.Window, false);
      const timer = setTimeout(() => show(vscode.ProgressLocation.Notification, true), NOTIFY_AFTER_MS);
      void settled.then(() => clearTimeout(timer));
    } else if (place === 'window') show(vscode.ProgressLocation.Window, false);
    else if (place !== 'none') show(place, false);
    return result;
  }

  dispose(): void {
    this.client.dispose();
  }
}
