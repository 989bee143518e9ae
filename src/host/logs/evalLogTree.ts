import * as vscode from 'vscode';
import { basename, dirname } from 'node:path';
import { defaultSplit, type LogSummary, type ModelSummary } from '../../protocol/logSummary';
import { formatSeconds, formatShare, formatUsd, formatCount, plural } from '../../protocol/format';
import { COMMANDS, VIEWS } from '../commandIds';
import { isAbortError } from '../engine/workerClient';
import { onSettingsChanged, readSettings } from '../settings';
import { displayLine, displayText } from '../text/displayText';
import { escapeMarkdown } from '../text/markdown';
import { untrustedMarkdown } from '../text/untrustedMarkdown';
import { debounce } from './debounce';
import { findEvalLogs, type FoundLog } from './findEvalLogs';
import type { LogService } from './logService';

export type LogTreeNode =
  | { kind: 'log'; log: FoundLog }
  | { kind: 'model'; file: string; split: string; model: ModelSummary; onFrontier: boolean }
  | { kind: 'info'; file: string; label: string; tooltip: string; icon: string; command?: vscode.Command };

const REFRESH_DEBOUNCE_MS = 500;

/**
 * The "Eval Logs" tree: the workspace's logs (glob setting + content sniffing), each expanding into
 * its models with accuracy and cost per query (from the worker, cached by mtime). Refreshes on file
 * changes, debounced; the welcome view (package.json `viewsWelcome`) shows when there is no log.
 */
export class EvalLogTree implements vscode.TreeDataProvider<LogTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LogTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private logs: Promise<FoundLog[]> | undefined;
  private readonly nodes = new Map<string, LogTreeNode & { kind: 'log' }>();
  private readonly summaries = new Map<string, LogSummary>();
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly refreshSoon = debounce(() => this.refresh(), REFRESH_DEBOUNCE_MS);

  constructor(private readonly logService: LogService) {
    this.watch();
    this.disposables.push(
      onSettingsChanged(() => {
        this.watch();
        this.refresh();
      }),
      logService.onDidChange((file) => {
        if (file === undefined) this.summaries.clear();
        else this.summaries.delete(file);
        const node = file === undefined ? undefined : this.nodes.get(file);
        if (file === undefined || node) this.changed.fire(node);
      }),
      { dispose: () => this.refreshSoon.cancel() },
    );
  }

  /** Rescans the workspace for logs. */
  refresh(): void {
    this.logs = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: LogTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'log':
        return this.logItem(node.log);
      case 'model':
        return modelItem(node);
      case 'info': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.command = node.command;
        item.contextValue = 'evalLogInfo';
        return item;
      }
    }
  }

  async getChildren(node?: LogTreeNode): Promise<LogTreeNode[]> {
    if (!node) return this.logNodes();
    if (node.kind !== 'log') return [];
    const file = node.log.uri.fsPath;
    let summary: LogSummary;
    try {
      summary = await this.logService.summary(file, { viewId: VIEWS.evalLogs });
    } catch (err) {
      const cancelled = isAbortError(err);
      return [
        {
          kind: 'info',
          file,
          label: cancelled ? 'Reading cancelled' : 'Could not read this log',
          tooltip: cancelled ? 'Refresh to read it again.' : displayText((err as Error).message, 2000),
          icon: cancelled ? 'debug-pause' : 'error',
        },
      ];
    }
    if (this.summaries.get(file) !== summary) {
      this.summaries.set(file, summary);
      setTimeout(() => this.changed.fire(node), 0); // update the log's description and tooltip
    }
    return childrenOf(summary);
  }

  private async logNodes(): Promise<LogTreeNode[]> {
    this.logs ??= Promise.resolve(
      vscode.window.withProgress({ location: { viewId: VIEWS.evalLogs } }, () => findEvalLogs(readSettings().logGlob)),
    );
    let logs: FoundLog[];
    try {
      logs = await this.logs;
    } catch (err) {
      this.logService.reportError('Scanning the workspace for eval logs failed', err);
      return [];
    }
    const live = new Set(logs.map((l) => l.uri.fsPath));
    for (const f of [...this.nodes.keys()]) if (!live.has(f)) this.nodes.delete(f);
    return logs.map((log) => {
      const file = log.uri.fsPath;
      const prev = this.nodes.get(file);
      if (prev && prev.log.adapter === log.adapter) return prev;
      const node = { kind: 'log' as const, log };
      this.nodes.set(file, node);
      return node;
    });
  }

  private logItem(log: FoundLog): vscode.TreeItem {
    const file = log.uri.fsPath;
    const item = new vscode.TreeItem(basename(file), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = file;
    item.resourceUri = log.uri;
    item.contextValue = 'evalLog';
    const rel = vscode.workspace.asRelativePath(dirname(file), false);
    const s = this.summaries.get(file);
    const state = s
      ? s.fatal
        ? 'unreadable'
        : `${plural(s.splits[0]?.models.length ?? 0, 'model')}${s.skippedCount ? `, ${plural(s.skippedCount, 'skipped line')}` : ''}`
      : '';
    item.description = [rel === dirname(file) || rel === '.' ? '' : rel, state].filter(Boolean).join(' · ');
    // Theme icons on ($(error), $(warning)); every text from the file system or the log is escaped.
    const md = untrustedMarkdown(true);
    md.appendMarkdown(
      `**${escapeMarkdown(basename(file))}**\n\n${escapeMarkdown(file, 2000)}\n\nFormat: ${escapeMarkdown(log.adapter)}`,
    );
    if (s) {
      md.appendMarkdown(
        s.fatal
          ? `\n\n$(error) Could not be read: ${escapeMarkdown(s.fatal)}`
          : `\n\n${plural(s.records, 'record')} · splits: ${
              s.splits
                .slice(1)
                .map((x) => escapeMarkdown(x.label, 100))
                .join(', ') || 'none'
            }`,
      );
      if (s.skippedCount || s.warningCount)
        md.appendMarkdown(
          `\n\n$(warning) ${plural(s.skippedCount, 'skipped line')}, ${plural(s.warningCount, 'warning')}`,
        );
    }
    md.appendMarkdown('\n\nClick to open the Model Overview.');
    item.tooltip = md;
    item.command = { command: COMMANDS.analyzeEvalLog, title: 'Analyze Eval Log', arguments: [log.uri] };
    return item;
  }

  private watch(): void {
    this.watcher?.dispose();
    const w = vscode.workspace.createFileSystemWatcher(readSettings().logGlob);
    const onFile = (uri: vscode.Uri): void => {
      if (uri.fsPath.includes('/node_modules/')) return;
      this.logService.invalidate(uri.fsPath);
      this.refreshSoon();
    };
    w.onDidCreate(onFile);
    w.onDidChange((uri) => this.logService.invalidate(uri.fsPath));
    w.onDidDelete(onFile);
    this.watcher = w;
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function childrenOf(s: LogSummary): LogTreeNode[] {
  const file = s.file;
  const out: LogTreeNode[] = [];
  const showProblems: vscode.Command = { command: COMMANDS.showProblems, title: 'Show Problems' };
  if (s.fatal)
    return [
      {
        kind: 'info',
        file,
        label: displayLine(`Could not be read: ${s.fatal}`, 300),
        tooltip: displayText(s.fatal, 2000),
        icon: 'error',
        command: showProblems,
      },
    ];
  const split = s.splits.find((x) => x.split === defaultSplit(s)) ?? s.splits[0];
  if (split) {
    const front = new Set(split.frontier);
    for (const m of split.models)
      out.push({ kind: 'model', file, split: split.label, model: m, onFrontier: front.has(m.model) });
  }
  if (s.skippedCount || s.warningCount) {
    out.push({
      kind: 'info',
      file,
      label: `${plural(s.skippedCount, 'skipped line')}, ${plural(s.warningCount, 'warning')}`,
      tooltip: 'Show every problem with file and line in the "Cost-Risk Lab" output channel.',
      icon: 'warning',
      command: showProblems,
    });
  }
  return out;
}

function modelItem(node: LogTreeNode & { kind: 'model' }): vscode.TreeItem {
  const m = node.model;
  const item = new vscode.TreeItem(m.model, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.file}\u0000${node.split}\u0000${m.model}`;
  item.description = `${formatShare(m.accuracy)} · ${formatUsd(m.mean_cost_usd)}/query`;
  item.iconPath = new vscode.ThemeIcon(node.onFrontier ? 'star-full' : 'circle-outline');
  item.contextValue = 'evalLogModel';
  const md = untrustedMarkdown(false);
  md.appendMarkdown(`**${escapeMarkdown(m.model)}** (split: ${escapeMarkdown(node.split)})\n\n`);
  md.appendMarkdown(
    [
      '| | |',
      '|---|---|',
      `| accuracy | ${formatShare(m.accuracy)} |`,
      `| cost per query | ${formatUsd(m.mean_cost_usd)} (from ${COST_FROM[m.cost_source]}) |`,
      `| latency | ${formatSeconds(m.mean_latency_s)} |`,
      `| output tokens | ${formatCount(m.mean_output_tokens)} |`,
      `| queries (n) | ${m.n} |`,
    ].join('\n'),
  );
  md.appendMarkdown(
    node.onFrontier
      ? '\n\nOn the accuracy-versus-cost Pareto frontier: no other model is both cheaper and more accurate.'
      : '\n\nOff the frontier: another model is at least as accurate for no more cost.',
  );
  item.tooltip = md;
  item.command = {
    command: COMMANDS.analyzeEvalLog,
    title: 'Analyze Eval Log',
    arguments: [vscode.Uri.file(node.file)],
  };
  return item;
}

/** Where a model's cost came from, in the tooltip's words. */
const COST_FROM: Record<ModelSummary['cost_source'], string> = {
  log: 'the log',
  prices: 'your price table',
  database: 'the bundled price database',
  none: 'nowhere: no cost or price',
  mixed: 'several sources',
};
