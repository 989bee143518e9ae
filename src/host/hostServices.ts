import type * as vscode from 'vscode';
import type { EngineClient } from './engine/engineClient';
import type { FileAccess } from './fs/fileAccess';
import type { LogService } from './logs/logService';
import type { ProblemReporter } from './problems/problemReporter';

/** What features get from `activate()`: pass this, never reach for globals. */
export interface HostServices {
  context: vscode.ExtensionContext;
  extensionUri: vscode.Uri;
  engine: EngineClient;
  logs: LogService;
  problems: ProblemReporter;
  /** Which files a path from a webview may name (workspace folders, the examples, files the user picked). */
  files: FileAccess;
}
