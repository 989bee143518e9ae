/** Activation: wiring only. Each feature lives in src/host/ and is registered here. */
import * as vscode from 'vscode';
import { VIEWS } from './host/commandIds';
import { registerCommands } from './host/commands/hostCommand';
import { logCommands } from './host/commands/logCommands';
import { hitlCommands } from './host/commands/hitlCommands';
import { econCommands } from './host/commands/econCommands';
import { datasetCommands } from './host/commands/datasetCommands';
import { cascadeCommands } from './host/commands/cascadeCommands';
import { cascadeRunnerCommands } from './host/commands/cascadeRunnerCommands';
import { llmCommands } from './host/llm/llmCommands';
import { reportCommands } from './host/commands/reportCommands';
import { compareCommands } from './host/commands/compareCommands';
import { cacheCommands } from './host/commands/cacheCommands';
import { ArchetypeLibraryTree } from './host/archetypes/archetypeLibraryTree';
import { EngineClient } from './host/engine/engineClient';
import { warmWhenShown } from './host/engine/warmWhenShown';
import { FileAccess } from './host/fs/fileAccess';
import type { HostServices } from './host/hostServices';
import { EvalLogTree } from './host/logs/evalLogTree';
import { LogService } from './host/logs/logService';
import { ProblemReporter } from './host/problems/problemReporter';
import { registerViews } from './host/views';

export function activate(context: vscode.ExtensionContext): void {
  const problems = new ProblemReporter();
  // Job results outlive the window in the extension's global storage (keyed by log content, so shared by workspaces).
  const engine = new EngineClient(
    context.extensionUri,
    (line) => problems.log(line),
    vscode.Uri.joinPath(context.globalStorageUri, 'results').fsPath,
  );
  const logs = new LogService(engine, problems);
  context.subscriptions.push(problems, engine, logs);
  const files = new FileAccess({
    folders: () =>
      (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    extraRoots: [vscode.Uri.joinPath(context.extensionUri, 'examples').fsPath],
    store: context.workspaceState,
  });
  const services: HostServices = { context, extensionUri: context.extensionUri, engine, logs, problems, files };

  const views = registerViews(services);
  const tree = new EvalLogTree(logs);
  const logsView = vscode.window.createTreeView(VIEWS.evalLogs, {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  context.subscriptions.push(
    tree,
    logsView,
    warmWhenShown(logsView, () => engine.warm()),
  );

  const library = new ArchetypeLibraryTree(problems);
  context.subscriptions.push(
    library,
    vscode.window.createTreeView(VIEWS.archetypeLibrary, { treeDataProvider: library }),
  );

  registerCommands(services, [
    ...logCommands(services, views, tree),
    ...hitlCommands(services, views),
    ...econCommands(services, views),
    ...datasetCommands(views, library),
    ...cascadeCommands(services, views),
    ...cascadeRunnerCommands(views),
    ...llmCommands(services),
    ...cacheCommands(services),
    ...reportCommands(services),
    ...compareCommands(services, views),
  ]);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
