import * as vscode from 'vscode';
import { basename } from 'node:path';
import { cascadeFrontierPayloads } from '../../protocol/payloads/cascadeFrontierPayloads';
import {
  CANCELLED_MESSAGE,
  cascadeLogInfo,
  selectionProblem,
  type CascadeFrontierHostState,
  type CascadeFrontierLastRun,
  type CascadeFrontierProtocol,
  type CascadeSelection,
  type CascadeTab,
} from '../../protocol/cascadeFrontier';
import type { JobName, JobParams, JobResult } from '../../worker/jobs';
import { DEFAULT_REPLICATES } from '../../engines/uncertainty/intervals';
import { PANELS } from '../commandIds';
import { isAbortError } from '../engine/workerClient';
import type { HostServices } from '../hostServices';
import { logJobSource } from '../settings';
import { displayText } from '../text/displayText';
import type { RequestHandlers } from './basePanel';
import { LastRuns } from './lastRuns';
import { LogFilePanel, logFileView } from './logFilePanel';
import { openLogLine } from './openLogLine';
import { formatCascade } from '../../protocol/format';

/** Cascade Frontier: tune one cascade's thresholds, search its sub-cascades, check the model's assumptions. */
export class CascadeFrontierPanel extends LogFilePanel<CascadeFrontierProtocol, CascadeFrontierHostState> {
  /** Runs in flight for this panel (Cancel stops them all). */
  private readonly runs = new Set<vscode.CancellationTokenSource>();
  protected readonly payloads = cascadeFrontierPayloads;

  protected readonly requestHandlers: RequestHandlers<CascadeFrontierProtocol> = {
    tune: async ({ selection }, token) => {
      const s = checked(selection);
      return this.kept(
        s,
        'frontier',
        await this.runJob(
          'tuneCascade',
          {
            ...this.source(),
            cascade: s.cascade,
            methods: s.methods,
            ...common(s),
            intervalReplicates: DEFAULT_REPLICATES,
          },
          `Tuning ${formatCascade(s.cascade)}`,
          token,
        ),
      );
    },
    subCascades: async ({ selection }, token) => {
      const s = checked(selection);
      return this.kept(
        s,
        'subcascades',
        await this.runJob(
          'subCascades',
          { ...this.source(), models: s.cascade, methods: s.methods, ...common(s) },
          `Sub-cascades of ${s.cascade.join(', ')}`,
          token,
        ),
      );
    },
    diagnostics: async ({ selection }, token) => {
      const s = checked(selection);
      return this.kept(
        s,
        'diagnostics',
        await this.runJob(
          'cascadeDiagnostics',
          { ...this.source(), models: s.cascade, ...common(s) },
          `Diagnostics of ${formatCascade(s.cascade)}`,
          token,
        ),
      );
    },
    queryTable: ({ selection, thresholds }, token) => {
      const s = checked(selection);
      if (thresholds.length !== s.cascade.length - 1)
        throw new Error(
          `A cascade of ${s.cascade.length} models has ${s.cascade.length - 1} threshold(s); got ${thresholds.length}.`,
        );
      const system = {
        kind: 'cascade' as const,
        cascade: s.cascade,
        thresholds,
        trainSplit: s.trainSplit,
        testSplit: s.testSplit,
        lowSample: s.lowSample,
        seed: s.seed,
      };
      return this.runJob('queryTable', { ...this.source(), system }, `Queries of ${formatCascade(s.cascade)}`, token);
    },
    openSource: ({ line }) => openLogLine(this.state.file, line),
    cancel: () => {
      for (const r of this.runs) r.cancel();
      return null;
    },
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: CascadeFrontierHostState) {
    super(panel, services, state, 'cascadeFrontier');
    this.watchLog(() => this.notify('logChanged', { file: this.state.file }));
  }

  protected override async onReady(): Promise<void> {
    const { file } = this.state;
    this.notify('loading', { file });
    try {
      this.notify('log', {
        info: cascadeLogInfo(await this.services.logs.summary(file, 'window', this.lifetime.token)),
      });
    } catch (err) {
      const message = isAbortError(err) ? 'Reading the log was cancelled.' : (err as Error).message;
      this.notify('log', {
        info: {
          file,
          models: [],
          splits: [],
          skippedCount: 0,
          warningCount: 0,
          fatal: displayText(message, 5000),
          noConfidence: false,
        },
      });
    }
  }

  /** Remembers a finished run as this log's last (a panel opened again on the log shows it), and passes its result on. */
  private kept<R>(selection: CascadeSelection, tab: CascadeTab, result: R): R {
    lastRunsOf(this.services).set(this.state.file, { lastRun: selection, tab });
    return result;
  }

  private source() {
    return logJobSource(this.state.file);
  }

  /** Runs a worker job with a notification (progress + Cancel), cancelled also by the view's Cancel and by closing it. */
  private async runJob<N extends JobName>(
    job: N,
    params: JobParams<N>,
    title: string,
    panelToken: vscode.CancellationToken,
  ): Promise<JobResult<N>> {
    const run = new vscode.CancellationTokenSource();
    const link = panelToken.onCancellationRequested(() => run.cancel());
    this.runs.add(run);
    try {
      return await this.services.engine.run(job, params, {
        title: `${title} (${basename(this.state.file)})`,
        progress: 'notification',
        token: run.token,
      });
    } catch (err) {
      if (isAbortError(err)) throw new Error(CANCELLED_MESSAGE);
      throw err;
    } finally {
      this.runs.delete(run);
      link.dispose();
      run.dispose();
    }
  }
}

/** The selection sent by the webview (its shape already checked by the payload schema); an unrunnable one is an error shown in the view. */
function checked(s: CascadeSelection): CascadeSelection {
  const problem = selectionProblem(s);
  if (problem) throw new Error(problem);
  return s;
}

/** Engine options every job shares. */
function common(s: CascadeSelection) {
  return { trainSplit: s.trainSplit, testSplit: s.testSplit, lowSample: s.lowSample ?? undefined, seed: s.seed };
}

const lastRunStores = new WeakMap<object, LastRuns<CascadeFrontierLastRun>>();

/** The workspace's last Cascade Frontier run per log (one store per extension context). */
function lastRunsOf(services: HostServices): LastRuns<CascadeFrontierLastRun> {
  let store = lastRunStores.get(services.context);
  if (!store) {
    store = new LastRuns<CascadeFrontierLastRun>(
      services.context.workspaceState as vscode.Memento | undefined,
      'cascadeFrontier.lastRuns',
    );
    lastRunStores.set(services.context, store);
  }
  return store;
}

/** A panel opened on a log gets the log's last run, shown from the worker's cache unless the webview saved a state of its own. */
export const cascadeFrontierView = logFileView(PANELS.cascadeFrontier, 'Cascade Frontier', (panel, state, services) => {
  const reopen = lastRunsOf(services).get(state.file);
  return new CascadeFrontierPanel(panel, services, reopen ? { ...state, reopen } : state);
});
