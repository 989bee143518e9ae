/**
 * A host for panel tests on the fake `vscode`: a real temporary workspace (a log inside, a secret
 * file outside, a symlink from one to the other), settings, the secret store, and services whose
 * side effects are recorded (worker jobs, commands, file dialogs, output-channel lines).
 * Call `fakeHost()` before requiring host modules.
 */
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter, fake, FakeWebviewPanel, Uri, useFakeVscode } from './fakeVscode';
import { FileAccess } from '../../../src/host/fs/fileAccess';

export type HostServices = import('../../../src/host/hostServices').HostServices;

/** Everything a test may look at after playing the webview. */
export interface Recorded {
  jobs: { job: string; params: Record<string, unknown> }[];
  commands: unknown[][];
  dialogs: string[];
  lines: string[];
}

export function fakeHost() {
  const vs = useFakeVscode();
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'fake-host-')));
  const ws = join(root, 'ws');
  const outside = join(root, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  const log = join(ws, 'a.jsonl');
  writeFileSync(log, '{"query_id":"q1","model":"m","correct":true}\n');
  writeFileSync(join(ws, 'q.jsonl'), '{"query_id":"a","question":"Q","answer":"1"}\n');
  writeFileSync(join(outside, 'secret.jsonl'), '{"token":"s3cret"}\n');
  symlinkSync(join(outside, 'secret.jsonl'), join(ws, 'link-out.jsonl'));
  symlinkSync(outside, join(ws, 'dir-out'));

  const settings = new Map<string, unknown>();
  /** Settings whose value comes from the workspace (`inspect().workspaceValue`). */
  const workspaceSettings = new Map<string, unknown>();
  const configChanged = new EventEmitter<{ affectsConfiguration(s: string): boolean }>();
  const rec: Recorded = { jobs: [], commands: [], dialogs: [], lines: [] };
  Object.assign(vs.workspace, {
    getConfiguration: () => ({
      get: <T>(k: string, d: T) => (settings.has(k) ? settings.get(k) : d),
      inspect: (k: string) => ({
        key: k,
        globalValue: workspaceSettings.has(k) ? undefined : settings.get(k),
        workspaceValue: workspaceSettings.get(k),
      }),
    }),
    onDidChangeConfiguration: configChanged.event,
    workspaceFolders: [{ uri: Uri.file(ws) }],
    getWorkspaceFolder: () => undefined,
    isTrusted: true,
  });
  Object.assign(vs.commands, { executeCommand: async (...args: unknown[]) => void rec.commands.push(args) });
  Object.assign(vs.window, {
    showOpenDialog: async () => (rec.dialogs.push('open'), fake.openDialogAnswer),
    showSaveDialog: async () => (rec.dialogs.push('save'), fake.saveDialogAnswer),
  });

  const secrets = new Map<string, string>();
  const logsChanged = new EventEmitter<string | undefined>();
  const services = {
    context: {
      subscriptions: [] as { dispose(): void }[],
      secrets: {
        get: async (k: string) => secrets.get(k),
        store: async (k: string, v: string) => void secrets.set(k, v),
        delete: async (k: string) => void secrets.delete(k),
        onDidChange: new EventEmitter<{ key: string }>().event,
      },
    },
    extensionUri: Uri.file(join(root, 'ext')),
    problems: {
      log: (l: string) => void rec.lines.push(l),
      show: () => undefined,
      error: (c: string, e: unknown) => void rec.lines.push(`${c}: ${String(e)}`),
    },
    logs: {
      summary: async () => new Promise(() => undefined),
      onDidChange: logsChanged.event,
      invalidate: () => undefined,
    },
    engine: {
      run: (job: string, params: Record<string, unknown>) => {
        rec.jobs.push({ job, params });
        return new Promise(() => undefined);
      },
    },
    files: new FileAccess({ folders: () => [ws] }),
  } as unknown as HostServices;

  return {
    vs,
    ws,
    outside,
    log,
    settings,
    workspaceSettings,
    configChanged,
    secrets,
    services,
    rec,
    /** Fire with a file (or undefined: every log) as LogService does when a log changed. */
    logsChanged,
    newPanel: (viewType: string) => new FakeWebviewPanel(viewType, viewType),
  };
}

/** Waits for the host's reply to request `id` and returns it. */
export async function ask(
  panel: FakeWebviewPanel,
  id: number,
  method: string,
  params: unknown,
): Promise<{ ok: boolean; error?: string; result?: unknown }> {
  panel.fromWebview({ type: 'request', requestId: id, method, params });
  return (await panel.replyTo(id)) as { ok: boolean; error?: string; result?: unknown };
}
