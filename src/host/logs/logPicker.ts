import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { formatBytes, plural } from '../../protocol/format';
import type { LogSummary } from '../../protocol/logSummary';
import { displayLine } from '../text/displayText';
import type { FoundLog } from './findEvalLogs';

/** Where the picker gets its logs: the workspace's eval logs and the summaries already read. */
export interface LogPickerSource {
  findLogs(): Promise<FoundLog[]>;
  /** A summary already read (never starts a read: the picker must open at once). */
  peek(file: string): LogSummary | undefined;
}

/** What the list offers besides the workspace's logs. */
type Extra = 'browse' | 'example';
type Item = vscode.QuickPickItem & ({ file: string } | { extra: Extra } | object);

/** How the adapters are named to the user. */
const FORMAT = new Map<string, string>([
  ['native', 'eval log'],
  ['csv', 'CSV eval log'],
  ['inspect', 'Inspect AI log'],
  ['lm-eval', 'lm-evaluation-harness samples'],
  ['promptfoo', 'promptfoo results'],
  ['promptfoo-jsonl', 'promptfoo results (JSONL)'],
  ['promptfoo-csv', 'promptfoo results (CSV)'],
]);

/** One line about a log's content: its models and records when it was read, else its format. */
function detailOf(log: FoundLog, summary: LogSummary | undefined): string {
  const format = FORMAT.get(log.adapter) ?? log.adapter;
  if (!summary || summary.fatal) return format;
  const models = summary.splits[0]?.models.map((m) => m.model) ?? [];
  const shown = models.slice(0, 4).join(', ') + (models.length > 4 ? `, +${models.length - 4}` : '');
  return displayLine(`${format} · ${plural(models.length, 'model')}: ${shown} · ${plural(summary.records, 'record')}`);
}

/** The workspace's logs as Quick Pick items: name, folder and size, and their models when already read. */
async function logItems(
  source: LogPickerSource,
  logs: readonly FoundLog[],
): Promise<(vscode.QuickPickItem & { file: string })[]> {
  const sizes = await Promise.all(
    logs.map((l) =>
      stat(l.uri.fsPath).then(
        (s) => s.size,
        () => null,
      ),
    ),
  );
  return logs.map((log, i) => {
    const size = sizes[i];
    const folder = vscode.workspace.asRelativePath?.(dirname(log.uri.fsPath), false) ?? dirname(log.uri.fsPath);
    return {
      label: displayLine(basename(log.uri.fsPath)),
      description: `${folder === dirname(log.uri.fsPath) || folder === '' ? '' : `${folder} · `}${size === null ? '' : formatBytes(size)}`,
      detail: detailOf(log, source.peek(log.uri.fsPath)),
      file: log.uri.fsPath,
    };
  });
}

/**
 * Lets the user choose an eval log from the palette: the workspace's logs (with folder, size, and
 * their models when already read), then "Browse…" for any file and the bundled example. Returns
 * the chosen file, or undefined when dismissed.
 */
export async function pickEvalLog(
  source: LogPickerSource,
  opts: { title: string; exampleLog: string },
): Promise<string | undefined> {
  const logs = await source.findLogs();
  const items: Item[] = await logItems(source, logs);
  if (items.length) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({
    label: '$(folder-opened) Browse…',
    description: 'any .jsonl, .json, .csv or .eval file',
    extra: 'browse',
  });
  items.push({
    label: '$(book) Open the example log',
    description: 'real MMLU results of five Llama models',
    extra: 'example',
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: opts.title,
    placeHolder: logs.length
      ? 'Choose an eval log of this workspace'
      : 'No eval log found in this workspace: browse for one, or open the example',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if ('file' in picked) return picked.file;
  if ('extra' in picked && picked.extra === 'example') return opts.exampleLog;
  if ('extra' in picked && picked.extra === 'browse') return browseForLog();
  return undefined;
}

/** The file dialog over any file, eval-log extensions first. */
export async function browseForLog(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Analyze',
    title: 'Choose an eval log',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { 'Eval logs': ['jsonl', 'json', 'csv', 'eval'], 'All files': ['*'] },
  });
  return picked?.[0]?.fsPath;
}

/**
 * Lets the user tick other logs to compare with `file` as runs: the workspace's logs but `file`,
 * in a multi-select Quick Pick, those in `current` ticked already. Returns the ticked files (at most `max`, in list order), or
 * undefined when dismissed or nothing was ticked; says so when the workspace has no other log.
 */
export async function pickRunLogs(
  source: LogPickerSource,
  opts: { title: string; file: string; max: number; current?: readonly string[] },
): Promise<string[] | undefined> {
  const logs = (await source.findLogs()).filter((l) => l.uri.fsPath !== opts.file);
  const current = new Set(opts.current ?? []);
  if (logs.length === 0) {
    void vscode.window.showInformationMessage(
      'No other eval log in this workspace to compare with. Add the other runs to the workspace, or select several logs in the Explorer and open the view on them.',
    );
    return undefined;
  }
  // The runs compared now start ticked: the user adds or removes some.
  const items = (await logItems(source, logs)).map((i) => (current.has(i.file) ? { ...i, picked: true } : i));
  const picked = await vscode.window.showQuickPick(items, {
    title: opts.title,
    placeHolder: `Tick the runs to compare with ${basename(opts.file)} (at most ${opts.max}); queries are matched by id`,
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked || picked.length === 0) return undefined;
  if (picked.length > opts.max)
    void vscode.window.showWarningMessage(
      `Only the first ${opts.max} of the ${picked.length} ticked logs are compared.`,
    );
  return picked.slice(0, opts.max).map((p) => p.file);
}
