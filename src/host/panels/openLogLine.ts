import * as vscode from 'vscode';
import { basename } from 'node:path';
import { hasFileLines } from '../../protocol/queryTable';

/**
 * Opens a panel's own log file at a 1-based line with the cursor there (a row of a query table).
 * Only the panel's log is opened, whatever the webview sends; a log that keeps samples rather than
 * one record per line (a JSON document, an Inspect archive) has no line to open: an error says so.
 */
export async function openLogLine(file: string, line: number): Promise<null> {
  if (!hasFileLines(file))
    throw new Error(`${basename(file)} holds samples, not one record per line: there is no line to open.`);
  await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), {
    selection: new vscode.Range(line - 1, 0, line - 1, 0),
  });
  return null;
}
