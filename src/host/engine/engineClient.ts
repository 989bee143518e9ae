import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import type { JobName, JobParams, JobResult } from '../../worker/jobs';
import { WorkerClient } from './workerClient';

export type ProgressPlace = 'notification' | 'window' | { viewId: string } | 'none';

export interface EngineRunOptions {
  /** Shown beside the progress, e.g. "Reading mmlu-llama.jsonl". */
  title: string;
  /** Where progress shows; a notification (the default) gets a Cancel button. */
  progress?: ProgressPlace;
  /** An outside cancellation (e.g. the panel closed). */
  token?: vscode.CancellationToken;
}

/**
 * Runs worker jobs with VS Code progress: every job shows where it is and can be cancelled; a
 * cancel reaches the worker as a message and the job's promise rejects with an AbortError.
 */
export class EngineClient implements vscode.Disposable {
  private readonly client: WorkerClient;

  constructor(extensionUri: vscode.Uri, log: (line: string) => void) {
    const script = vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
    this.client = new WorkerClient(() => new Worker(script), log);
  }

  run<N extends JobName>(job: N, params: JobParams<N>, opts: EngineRunOptions): Promise<JobResult<N>> {
    const place = opts.progress ?? 'notification';
    const controller = new AbortController();
    const outside = opts.token?.onCancellationRequested(() => controller.abort());
    const done = (): void => outside?.dispose();
    if (place === 'none') {
      const p = this.client.run(job, params, { signal: controller.signal });
      void p.then(done, done);
      return p;
    }
    const location = place === 'notification' ? vscode.ProgressLocation.Notification : place === 'window' ? vscode.ProgressLocation.Window : { viewId: place.viewId };
    const task = vscode.window.withProgress({ location, title: opts.title, cancellable: place === 'notification' }, (progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      return this.client.run(job, params, {
        signal: controller.signal,
        onProgress: (fraction, message) => {
          const pct = Math.round(fraction * 100);
          progress.report({ increment: Math.max(0, pct - reported), message });
          reported = Math.max(reported, pct);
        },
      });
    });
    void Promise.resolve(task).then(done, done);
    return Promise.resolve(task) as Promise<JobResult<N>>;
  }

  dispose(): void {
    this.client.dispose();
  }
}
