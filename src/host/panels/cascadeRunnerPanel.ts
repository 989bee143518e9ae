import * as vscode from 'vscode';
import { basename, join } from 'node:path';
import { formatRepositoryJsonl } from '../../engines/intercascade/repositoryJsonl';
import { cascadeRunnerPayloads } from '../../protocol/payloads/cascadeRunnerPayloads';
import {
  checkRunForm,
  isCascadeRunnerHostState,
  type CascadeFormValues,
  type CascadeRunnerHostState,
  type CascadeRunnerProtocol,
  type CascadeRunStatus,
  type EndpointInfo,
  VSCODE_LM_ENDPOINT,
} from '../../protocol/cascadeRunner';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import type { CascadeRunParams, CascadeRunResult, CascadeRunUpdate } from '../../worker/jobs/interCascadeRun';
import { COMMANDS, PANELS } from '../commandIds';
import { isAbortError } from '../engine/workerClient';
import type { HostServices } from '../hostServices';
import { confirmSendKey, endpointSetting, readLlmSettings } from '../llm/chatProvider';
import { API_KEY_SECRET, hasStoredKey, keyForEndpoint } from '../llm/endpointKey';
import { languageModelHostCalls, listChatModels } from '../llm/languageModelChat';
import { redactSecrets } from '../../shared/text/redactSecrets';
import { redactStrings } from '../text/displayText';
import { NEEDS_TRUST, requireTrust } from '../trust';
import { checkRunFiles } from './cascadeRunnerFiles';
import { logJobSource, onSettingsChanged } from '../settings';
import { BasePanel, type NotificationHandlers, type RequestHandlers } from './basePanel';
import type { ViewDefinition } from './registerView';

const workspaceRoot = (): string | undefined => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;

/** The export name of a run: `<queries file without extension>-<what>.jsonl`, in the workspace. */
function defaultUri(queriesFile: string, what: string): vscode.Uri | undefined {
  const root = workspaceRoot();
  const name = `${basename(queriesFile).replace(/\.[^.]+$/, '')}-${what}.jsonl`;
  return root ? vscode.Uri.file(join(root, name)) : undefined;
}

/**
 * Cascade Runner: runs an Inter-Cascade in the worker against the settings' endpoint, forwards the
 * job's live figures to the webview as `run` notifications, and keeps the last result (eval log,
 * repository) for the save buttons. One global panel.
 */
export class CascadeRunnerPanel extends BasePanel<CascadeRunnerProtocol, CascadeRunnerHostState> {
  private status: CascadeRunStatus = { phase: 'idle' };
  private run: vscode.CancellationTokenSource | null = null;
  private result: CascadeRunResult | null = null;
  protected readonly payloads = cascadeRunnerPayloads;

  protected readonly requestHandlers: RequestHandlers<CascadeRunnerProtocol> = {
    browse: async ({ purpose }) => {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        title:
          purpose === 'queries'
            ? 'Choose the queries file (JSON Lines: query_id, question, answer)'
            : 'Choose a strategy repository to start from (saved back at the end)',
        openLabel: purpose === 'queries' ? 'Use Queries' : 'Use Repository',
        filters: { 'JSON Lines': ['jsonl'], 'All files': ['*'] },
      });
      if (!picked?.[0]) return null;
      this.services.files.grant(picked[0].fsPath);
      return { file: picked[0].fsPath };
    },
    estimate: async (values) => {
      const { params } = await this.jobParams(values, false);
      return this.services.engine.run('interCascadeEstimate', params, {
        title: 'Cascade Runner: estimating the cost',
        token: this.lifetime.token,
      });
    },
    start: async (values) => {
      if (this.run) throw new Error('A run is already in progress: cancel it first');
      requireTrust(NEEDS_TRUST.runner);
      const { params, form } = await this.jobParams(values, true);
      if (this.run) throw new Error('A run is already in progress: cancel it first');
      this.run = new vscode.CancellationTokenSource();
      const stop = this.lifetime.token.onCancellationRequested(() => this.run?.cancel());
      this.result = null;
      this.setStatus({
        phase: 'running',
        stage: 'starting',
        done: 0,
        total: 0,
        onlineTotal: 0,
        points: [],
        failed: { malformed: 0, transport: 0, usage: 0, examples: [] },
        estimate: null,
        spent: null,
        budgetUsd: form.budgetUsd,
        resumedQueries: 0,
      });
      const job = this.services.engine.run('interCascadeRun', params, {
        title: `Cascade Runner: ${form.weakModel} → ${form.strongModel}`,
        token: this.run.token,
        onUpdate: (u) => this.setStatus({ phase: 'running', ...(u as CascadeRunUpdate) }),
        // VS Code's language models are reached from the host: the worker asks for each request
        onHostCall: form.provider === 'vscode' ? languageModelHostCalls() : undefined,
      });
      void job
        .then((r) => {
          this.result = r;
          this.setStatus({
            phase: r.summary.stopped ? 'stopped' : 'done',
            summary: r.summary,
            points: r.points,
            trace: r.trace,
          });
        })
        .catch((err: unknown) => {
          const points = this.status.phase === 'running' ? this.status.points : [];
          if (isAbortError(err)) this.setStatus({ phase: 'cancelled', points });
          else {
            this.services.problems.log(`Cascade Runner: ${(err as Error).message}`);
            this.setStatus({ phase: 'failed', message: (err as Error).message, points });
          }
        })
        .finally(() => {
          stop.dispose();
          this.run?.dispose();
          this.run = null;
        });
      return null;
    },
    cancel: () => {
      this.run?.cancel();
      return null;
    },
    saveLog: async () => {
      requireTrust(NEEDS_TRUST.saving);
      const r = this.lastResult();
      if (r.log.records === 0)
        throw new Error('The run has no records to log: no query had a gold "answer", or every call failed');
      const uri = await vscode.window.showSaveDialog({
        defaultUri: defaultUri(r.summary.queriesFile, 'cascade-run'),
        filters: { 'Eval log': ['jsonl'] },
        saveLabel: 'Save Eval Log',
        title: 'Save the run as an eval log',
      });
      if (!uri) return null;
      await writeFileAtomic(uri.fsPath, r.log.text);
      this.services.files.grant(uri.fsPath);
      return { file: uri.fsPath, records: r.log.records };
    },
    openLog: async ({ file }) => {
      const allowed = await this.services.files.check(file, 'read');
      if (!allowed.ok) throw new Error(`Not opened: ${allowed.reason}`);
      await vscode.commands.executeCommand(COMMANDS.analyzeEvalLog, vscode.Uri.file(allowed.path));
      return null;
    },
    chatModels: async () => listChatModels(),
    saveRepository: async () => {
      requireTrust(NEEDS_TRUST.saving);
      const r = this.lastResult();
      const uri = await vscode.window.showSaveDialog({
        defaultUri: defaultUri(r.summary.queriesFile, 'strategies'),
        filters: { 'Strategy repository': ['jsonl'] },
        saveLabel: 'Save Repository',
        title: 'Save the strategy repository',
      });
      if (!uri) return null;
      await writeFileAtomic(uri.fsPath, formatRepositoryJsonl(r.repository));
      return { file: uri.fsPath, entries: r.repository.length };
    },
  };

  protected override readonly notificationHandlers: Partial<NotificationHandlers<CascadeRunnerProtocol>> = {
    openSettings: () => void vscode.commands.executeCommand('workbench.action.openSettings', 'costRiskLab.llm'),
    setApiKey: () => void vscode.commands.executeCommand(COMMANDS.setLlmApiKey),
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: CascadeRunnerHostState) {
    super(panel, services, state, 'cascadeRunner');
    this.disposables.push(
      onSettingsChanged(() => void this.postEndpoint()),
      services.context.secrets.onDidChange((e) => e.key === API_KEY_SECRET && void this.postEndpoint()),
    );
  }

  /** Fills the queries field of the open panel (explorer → Open Cascade Runner on a file). */
  useQueries(file: string): void {
    this.services.files.grant(file);
    this.state = { queriesFile: file };
    this.notify('useQueries', { file });
  }

  protected override async onReady(): Promise<void> {
    await this.postEndpoint();
    this.notify('run', this.status);
  }

  /**
   * The worker's parameters for a form: checked fields, files inside the workspace (or picked by the
   * user), the endpoint, and with `withKey` the API key (only after the user confirmed sending it to
   * this endpoint's host; an estimate calls nothing and needs no key). VS Code's language models
   * need neither endpoint nor key.
   */
  private async jobParams(
    values: CascadeFormValues,
    withKey: boolean,
  ): Promise<{ params: CascadeRunParams; form: CascadeRunParams['form'] }> {
    const checked = checkRunForm(values);
    if (!checked.ok) throw new Error(checked.errors.join('; '));
    const settings = readLlmSettings();
    const lm = checked.form.provider === 'vscode';
    if (!lm && !settings.endpoint)
      throw new Error(
        "No language-model endpoint is set: set costRiskLab.llm.endpoint (Open Settings), or use VS Code's language models",
      );
    const form = await checkRunFiles(checked.form, this.services.files);
    let apiKey: string | null = null;
    if (withKey && !lm) {
      const key = await keyForEndpoint(this.services.context.secrets, endpointSetting(settings), confirmSendKey);
      if (!key.ok) throw new Error(key.reason);
      apiKey = key.apiKey;
    }
    const { prices, priceFile } = logJobSource(form.queriesFile);
    // The journal of an interrupted run lives in the extension's storage, out of the user's files.
    const storage = this.services.context as { storageUri?: vscode.Uri; globalStorageUri?: vscode.Uri };
    const base = storage.storageUri ?? storage.globalStorageUri;
    const journalDir = base ? join(base.fsPath, 'cascade-journals') : null;
    return {
      form,
      params: {
        form,
        endpoint: lm ? VSCODE_LM_ENDPOINT : settings.endpoint,
        apiKey,
        timeoutS: settings.timeoutS,
        prices,
        priceFile,
        journalDir,
      },
    };
  }

  private lastResult(): CascadeRunResult {
    if (!this.result) throw new Error('No finished run in this session: run the cascade first');
    return this.result;
  }

  private setStatus(s: CascadeRunStatus): void {
    this.status = s;
    // Error texts come from the endpoint: a key it echoes back is blanked before the view sees it.
    this.notify('run', redactStrings(s));
  }

  private async postEndpoint(): Promise<void> {
    const s = readLlmSettings();
    const info: EndpointInfo = {
      endpoint: s.endpoint ? redactSecrets(s.endpoint) : null,
      hasApiKey: await hasStoredKey(this.services.context.secrets),
      timeoutSeconds: s.timeoutS,
      defaultModel: s.model,
    };
    this.notify('endpoint', info);
  }
}

export const cascadeRunnerView: ViewDefinition<CascadeRunnerHostState> = {
  viewType: PANELS.cascadeRunner,
  title: () => 'Cascade Runner',
  key: () => 'single',
  parseState: (raw) => (isCascadeRunnerHostState(raw) ? { queriesFile: raw.queriesFile } : undefined),
  create: (panel, state, services) => new CascadeRunnerPanel(panel, services, state),
};
