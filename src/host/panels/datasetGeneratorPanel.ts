import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import {
  BENCHMARK_CANCELLED,
  isDatasetGeneratorHostState,
  type DatasetGeneratorHostState,
  type DatasetGeneratorProtocol,
} from '../../protocol/datasetGenerator';
import { isAbortError } from '../engine/workerClient';
import { parseArchetype } from '../../engines/clusters/validateArchetype';
import { formatArchetypesJsonl } from '../../engines/clusters/archetypeJsonl';
import { describeArchetype } from '../../engines/llm/describeArchetype';
import { datasetGeneratorPayloads } from '../../protocol/payloads/datasetGeneratorPayloads';
import { PANELS } from '../commandIds';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import type { HostServices } from '../hostServices';
import { resolveChatProvider } from '../llm/chatProvider';
import { displayLine, redactStrings } from '../text/displayText';
import { requireTrust } from '../trust';
import { BasePanel, type NotificationHandlers, type RequestHandlers } from './basePanel';
import type { ViewDefinition } from './registerView';

/** The workspace library file that "Save to Library" appends to. */
export const LIBRARY_FILE = 'archetypes.archetypes.jsonl';

function abortOn(token: vscode.CancellationToken): AbortSignal {
  const c = new AbortController();
  token.onCancellationRequested(() => c.abort());
  return c.signal;
}

/** Dataset Generator: archetype form or description → preview, overlaps, export, library. */
export class DatasetGeneratorPanel extends BasePanel<DatasetGeneratorProtocol, DatasetGeneratorHostState> {
  protected readonly payloads = datasetGeneratorPayloads;
  /** The running benchmark (the view's Cancel, the notification's Cancel and closing the panel stop it). */
  private benchmarkRun: vscode.CancellationTokenSource | null = null;
  protected readonly requestHandlers: RequestHandlers<DatasetGeneratorProtocol> = {
    generate: async (params, token) => {
      const r = await this.services.engine.run('generateDatasets', params, {
        title: 'Generating a synthetic data set',
        progress: 'window',
        token,
      });
      if (!r.preview) throw new Error('the worker returned no preview');
      return r.preview;
    },
    describe: async ({ text, useModel }, token) => {
      const { provider, problem } = useModel
        ? await resolveChatProvider(this.services.context.secrets)
        : { provider: null, problem: null };
      const r = await describeArchetype(text, provider ? (m, s) => provider.complete(m, s) : undefined, abortOn(token));
      if (r.llmError)
        this.services.problems.log(
          `Dataset Generator: language model ${provider?.label ?? ''} not used: ${r.llmError}`,
        );
      const unavailable = problem
        ? `${problem}: read offline`
        : 'no language model available (install a chat model provider, or set costRiskLab.llm.endpoint): read offline';
      // Warnings may quote the endpoint's error, which may echo the key back.
      return redactStrings({
        archetype: r.archetype,
        source: r.source,
        model: r.source === 'llm' ? (provider?.label ?? null) : null,
        understood: r.understood,
        warnings: useModel && !provider ? [unavailable, ...r.warnings] : r.warnings,
      });
    },
    exportDatasets: async (params, token) => {
      requireTrust('Writing data sets');
      const folder = this.exportFolder();
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: `Export ${params.count} data set(s) here`,
        defaultUri: folder,
      });
      if (!picked?.[0]) return null;
      const r = await this.services.engine.run(
        'generateDatasets',
        { ...params, outDir: picked[0].fsPath },
        { title: `Writing ${params.count} data set(s)`, token },
      );
      // A .npy file is binary: its folder is shown instead of the file.
      const npy = params.format === 'npy';
      void vscode.window
        .showInformationMessage(
          `Cost-Risk Lab: wrote ${r.files.length} data set(s) to ${displayLine(picked[0].fsPath, 300)}`,
          npy ? 'Reveal in File Explorer' : 'Open First',
        )
        .then(
          (c) =>
            c && vscode.commands.executeCommand(npy ? 'revealFileInOS' : 'vscode.open', vscode.Uri.file(r.files[0])),
        );
      return { files: r.files };
    },
    benchmark: async (params, token) => {
      if (this.benchmarkRun) throw new Error('A benchmark is already running: cancel it first');
      const run = new vscode.CancellationTokenSource();
      const link = token.onCancellationRequested(() => run.cancel());
      this.benchmarkRun = run;
      try {
        return await this.services.engine.run('benchmarkClustering', params, {
          title: `Benchmarking ${params.algorithms.length} algorithm(s) on ${params.count} data set(s)`,
          progress: 'notification',
          token: run.token,
        });
      } catch (err) {
        if (isAbortError(err)) throw new Error(BENCHMARK_CANCELLED);
        throw err;
      } finally {
        this.benchmarkRun = null;
        link.dispose();
        run.dispose();
      }
    },
    cancelBenchmark: () => {
      this.benchmarkRun?.cancel();
      return null;
    },
    saveArchetype: async ({ archetype }) => {
      requireTrust('Saving to the archetype library');
      const parsed = parseArchetype(archetype);
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      const file = await this.libraryFile();
      if (!file) return null;
      const before = await readFile(file, 'utf8').catch(() => '');
      await writeFileAtomic(
        file,
        (before && !before.endsWith('\n') ? `${before}\n` : before) + formatArchetypesJsonl([parsed.archetype]),
      );
      return { file };
    },
  };

  protected override readonly notificationHandlers: Partial<NotificationHandlers<DatasetGeneratorProtocol>> = {
    edited: (s) => {
      this.state = s;
    },
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: DatasetGeneratorHostState) {
    super(panel, services, state, 'datasetGenerator');
  }

  /**
   * The library file "Save to Library" appends to: the workspace's (refused if it is a symlink out
   * of the workspace), or without a folder open, one the user picks.
   */
  private async libraryFile(): Promise<string | null> {
    if (vscode.workspace.workspaceFolders?.[0]) {
      const allowed = await this.services.files.check(LIBRARY_FILE, 'write');
      if (!allowed.ok) throw new Error(`Not saved: ${allowed.reason}`);
      return allowed.path;
    }
    return (
      (await vscode.window.showSaveDialog({ filters: { 'Archetype library': ['jsonl'] }, saveLabel: 'Save archetype' }))
        ?.fsPath ?? null
    );
  }

  /** Shows another archetype in the open panel (from the library). */
  load(state: DatasetGeneratorHostState): void {
    this.state = state;
    if (state.archetype) this.notify('load', { archetype: state.archetype, seed: state.seed });
    this.reveal();
  }

  protected override onReady(): void {
    // The webview restores its own form from the initial/saved state; nothing to post.
  }
}

export const datasetGeneratorView: ViewDefinition<DatasetGeneratorHostState> = {
  viewType: PANELS.datasetGenerator,
  title: () => 'Dataset Generator',
  key: () => 'single',
  parseState: (raw) => (isDatasetGeneratorHostState(raw) ? { archetype: raw.archetype, seed: raw.seed } : undefined),
  create: (panel, state, services) => new DatasetGeneratorPanel(panel, services, state),
};
