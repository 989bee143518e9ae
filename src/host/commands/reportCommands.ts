import * as vscode from 'vscode';
import { basename, dirname, extname, join } from 'node:path';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';
import type { ReportFormat } from '../../worker/jobs/exportReport';
import { COMMANDS } from '../commandIds';
import { isAbortError } from '../engine/workerClient';
import type { HostServices } from '../hostServices';
import { logJobSource } from '../settings';
import { displayLine } from '../text/displayText';
import { NEEDS_TRUST, refusedUntrusted } from '../trust';
import type { HostCommand } from './hostCommand';
import { logFileFromArg } from './logCommands';
import { askReportPrices } from './reportPrices';

interface FormatItem extends vscode.QuickPickItem {
  format: ReportFormat;
  extension: string;
  filter: string;
}

/** The formats offered, in the Quick Pick's order. */
export const REPORT_FORMAT_ITEMS: readonly FormatItem[] = [
  {
    label: 'HTML',
    description: 'one self-contained page',
    detail: 'Charts, tables, every setting and price, the log with its SHA-256; opens in any browser, offline.',
    format: 'html',
    extension: 'html',
    filter: 'HTML page',
  },
  {
    label: 'Markdown',
    description: 'a summary for a pull request',
    detail: 'The recommendation, the model table and the settings as plain Markdown tables.',
    format: 'markdown',
    extension: 'md',
    filter: 'Markdown',
  },
];

/** The "Export Report…" command. */
export function reportCommands(services: HostServices): HostCommand[] {
  return [{ id: COMMANDS.exportReport, execute: (arg) => exportReport(arg, services) }];
}

/**
 * Export Report: the log it was invoked on (else one picked), HTML or Markdown, the prices (the
 * Economic Evaluation's, the defaults, or typed in; see askReportPrices), where to save;
 * then the report is made in the engine worker (with progress and Cancel), written atomically and
 * offered to open. Returns the path written, or null when the user stopped or nothing was written.
 */
export async function exportReport(
  arg: unknown,
  services: Pick<HostServices, 'logs' | 'extensionUri' | 'engine'>,
): Promise<string | null> {
  if (refusedUntrusted(NEEDS_TRUST.saving)) return null;
  const file = await logFileFromArg(arg, services);
  if (!file) return null;
  const item = await vscode.window.showQuickPick([...REPORT_FORMAT_ITEMS], {
    title: `Export Report on ${basename(file)}`,
    placeHolder: 'Format of the report',
  });
  if (!item) return null;
  const rewardPrices = await askReportPrices(file);
  if (!rewardPrices) return null;
  const uri = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(join(saveFolder(file), `${basename(file, extname(file))}-report.${item.extension}`)),
    filters: { [item.filter]: [item.extension] },
    title: 'Save the report',
  });
  if (!uri) return null;
  let result;
  try {
    result = await services.engine.run(
      'exportReport',
      { ...logJobSource(file), format: item.format, rewardPrices },
      { title: `Making the report on ${basename(file)}`, progress: 'notification' },
    );
  } catch (err) {
    if (isAbortError(err)) return null;
    if (err instanceof Error && err.name === 'ReportInputError') {
      void vscode.window.showErrorMessage(`Cost-Risk Lab: no report: ${displayLine(err.message, 500)}`);
      return null;
    }
    throw err;
  }
  const target = uri.scheme === 'file' ? uri.fsPath : uri.toString();
  try {
    if (uri.scheme === 'file') await writeFileAtomic(uri.fsPath, result.text);
    else await vscode.workspace.fs.writeFile(uri, Buffer.from(result.text, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    void vscode.window.showErrorMessage(
      `Cost-Risk Lab: cannot write ${displayLine(target, 300)}${code ? ` (${code})` : ''}`,
    );
    return null;
  }
  const buttons = item.format === 'html' ? ['Open in Browser', 'Open'] : ['Open'];
  void vscode.window
    .showInformationMessage(
      `Cost-Risk Lab: saved ${basename(target)}. ${displayLine(result.headlines[0] ?? '', 300)}`,
      ...buttons,
    )
    .then((choice) => {
      if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', uri);
      else if (choice === 'Open in Browser') void vscode.env.openExternal(uri);
    });
  return target;
}

/** Where the save dialog starts: the log's folder when it is in the workspace, else the first workspace folder (the bundled example sits in the extension's own folder). */
function saveFolder(file: string): string {
  const inWorkspace = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  const first = vscode.workspace.workspaceFolders?.[0]?.uri;
  return inWorkspace || !first || first.scheme !== 'file' ? dirname(file) : first.fsPath;
}
