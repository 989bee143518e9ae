import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { ExportFileParams } from '../../protocol/messages';
import { safeFileName } from '../fs/safeFileName';
import { writeFileAtomic } from '../../shared/fs/writeFileAtomic';

const FILTERS: Record<ExportFileParams['format'], Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  csv: { 'CSV (comma-separated)': ['csv'] },
  json: { JSON: ['json'] },
};
/** A chart PNG or table CSV larger than this is a bug in the webview, not an export. */
const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

/** Asks where to save a webview's export and writes it atomically; returns the path, or null if cancelled. */
export async function saveExport(params: ExportFileParams, folder: vscode.Uri | undefined): Promise<string | null> {
  if (!Object.hasOwn(FILTERS, params.format)) throw new Error(`cannot export format ${JSON.stringify(params.format)}`);
  if (typeof params.data !== 'string' || params.data.length === 0) throw new Error('nothing to export');
  const bytes = params.format === 'png' ? Buffer.from(params.data, 'base64') : Buffer.from(params.data, 'utf8');
  if (bytes.length > MAX_EXPORT_BYTES) throw new Error(`export too large (${bytes.length} bytes)`);
  if (params.format === 'json') JSON.parse(params.data); // a malformed JSON export is a webview bug: fail before writing
  if (
    params.format === 'png' &&
    !bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    throw new Error('the chart image is not a PNG');
  const name = safeFileName(params.suggestedName, params.format);
  const uri = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: FILTERS[params.format],
    title:
      params.format === 'png' ? 'Save chart as PNG' : params.format === 'json' ? 'Save as JSON' : 'Save data as CSV',
  });
  if (!uri) return null;
  if (uri.scheme === 'file') await writeFileAtomic(uri.fsPath, bytes);
  else await vscode.workspace.fs.writeFile(uri, bytes);
  void vscode.window.showInformationMessage(`Cost-Risk Lab: saved ${basename(uri.fsPath)}`, 'Open').then((c) => {
    if (c === 'Open') void vscode.commands.executeCommand('vscode.open', uri);
  });
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}
