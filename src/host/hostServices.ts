import type * as vscode from 'vscode';
import type { EngineClient } from './engine/engineClient';
import type { LogService } from './logs/logService';
import type { ProblemReporter } from './problems/problemReporter';

/** What features get from `activate()`: pass this, never reach for globals. */
export interface HostServices {
  context: vscode.ExtensionContext;
  extensionUri: vscode.Uri;
  engine: EngineClient;
  logs: LogService;
  problems: ProblemReporter;
}
