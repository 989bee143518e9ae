import * as vscode from 'vscode';
import { sniffEvalLog } from '../../node/logs/sniffEvalLog';
import type { AdapterName } from '../../engines/logs/types';

export interface FoundLog {
  uri: vscode.Uri;
  adapter: AdapterName;
}

/** Files matched by the glob that are at most this many (a monorepo should not stall the tree). */
export const MAX_CANDIDATES = 2000;
const EXCLUDE = '{**/node_modules/**,**/.git/**}';
const SNIFF_CONCURRENCY = 16;

/**
 * The workspace's eval logs: files matching `glob` (outside node_modules and .git) whose first
 * bytes look like a log one of the adapters reads. Sorted by path.
 */
export async function findEvalLogs(glob: string, token?: vscode.CancellationToken): Promise<FoundLog[]> {
  const uris = await vscode.workspace.findFiles(glob, EXCLUDE, MAX_CANDIDATES, token);
  const found: (FoundLog | null)[] = new Array(uris.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < uris.length && !token?.isCancellationRequested) {
      const i = next++;
      const adapter = uris[i].scheme === 'file' ? await sniffEvalLog(uris[i].fsPath) : null;
      if (adapter) found[i] = { uri: uris[i], adapter };
    }
  };
  await Promise.all(Array.from({ length: Math.min(SNIFF_CONCURRENCY, uris.length) }, worker));
  return found.filter((f): f is FoundLog => f !== null).sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
}
