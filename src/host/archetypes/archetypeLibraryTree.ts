import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { Archetype } from '../../engines/clusters/archetype';
import { parseArchetypesJsonl } from '../../engines/clusters/archetypeJsonl';
import { EXAMPLE_ARCHETYPES } from '../../engines/clusters/exampleArchetypes';
import { COMMANDS } from '../commandIds';
import type { ProblemReporter } from '../problems/problemReporter';
import { escapeMarkdown, markdownCodeBlock } from '../text/markdown';
import { untrustedMarkdown } from '../text/untrustedMarkdown';

/** Workspace files that hold shareable archetypes, one JSON object per line. */
export const ARCHETYPE_GLOB = '**/*.archetypes.jsonl';

export type ArchetypeNode =
  | { kind: 'group'; label: string; file: string | null; children: ArchetypeNode[]; problems: number }
  | { kind: 'archetype'; archetype: Archetype; description: string; file: string | null; line: number | null }
  | { kind: 'problem'; file: string; line: number; message: string };

function summary(a: Archetype): string {
  return `${a.n_clusters} clusters · ${a.dim}D · ${a.n_samples} pts · overlap ${a.min_overlap}–${a.max_overlap}`;
}

/**
 * "Archetype Library" in the Cost-Risk Lab sidebar: the built-in examples (the thesis's benchmark
 * archetypes and a few more) and every workspace `*.archetypes.jsonl`, one node per archetype; bad
 * lines show as warnings with their line number. Clicking an archetype opens it in the generator.
 */
export class ArchetypeLibraryTree implements vscode.TreeDataProvider<ArchetypeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ArchetypeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly problems: ProblemReporter) {
    const watcher = vscode.workspace.createFileSystemWatcher(ARCHETYPE_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => this.refresh()),
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
    );
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: ArchetypeNode): Promise<ArchetypeNode[]> {
    if (node) return node.kind === 'group' ? node.children : [];
    const builtIn: ArchetypeNode = {
      kind: 'group',
      label: 'Built-in examples',
      file: null,
      problems: 0,
      children: EXAMPLE_ARCHETYPES.map((e) => ({
        kind: 'archetype',
        archetype: e.archetype,
        description: e.description,
        file: null,
        line: null,
      })),
    };
    const uris = await vscode.workspace.findFiles(ARCHETYPE_GLOB, '**/node_modules/**', 200);
    const groups: ArchetypeNode[] = [];
    for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch (e) {
        this.problems.log(`${uri.fsPath}: cannot read (${(e as Error).message})`);
        continue;
      }
      const parsed = parseArchetypesJsonl(text);
      for (const p of parsed.problems) this.problems.log(`${uri.fsPath}:${p.line}: ${p.message}`);
      const children: ArchetypeNode[] = [
        ...parsed.archetypes.map((l): ArchetypeNode => ({
          kind: 'archetype',
          archetype: l.archetype,
          description: summary(l.archetype),
          file: uri.fsPath,
          line: l.line,
        })),
        ...parsed.problems.map((p): ArchetypeNode => ({
          kind: 'problem',
          file: uri.fsPath,
          line: p.line,
          message: p.message,
        })),
      ];
      groups.push({
        kind: 'group',
        label: basename(uri.fsPath),
        file: uri.fsPath,
        children,
        problems: parsed.problems.length,
      });
    }
    return [...groups, builtIn];
  }

  getTreeItem(node: ArchetypeNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(
        node.label,
        node.file ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.iconPath = new vscode.ThemeIcon(node.file ? 'file' : 'library');
      item.description = `${node.children.length - node.problems} archetype(s)${node.problems ? `, ${node.problems} bad line(s)` : ''}`;
      item.tooltip = node.file ?? 'Archetypes that ship with Cost-Risk Lab (thesis §5.4 and more)';
      if (node.file) item.resourceUri = vscode.Uri.file(node.file);
      item.contextValue = node.file ? 'archetypeFile' : 'archetypeGroup';
      return item;
    }
    if (node.kind === 'problem') {
      const item = new vscode.TreeItem(`line ${node.line}: not loaded`, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = node.message;
      item.description = node.message;
      item.command = {
        command: 'vscode.open',
        title: 'Open',
        arguments: [vscode.Uri.file(node.file), { selection: new vscode.Range(node.line - 1, 0, node.line - 1, 0) }],
      };
      return item;
    }
    const item = new vscode.TreeItem(node.archetype.name, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('symbol-constant');
    item.description = node.description;
    item.tooltip = untrustedMarkdown(false).appendMarkdown(
      `**${escapeMarkdown(node.archetype.name)}**\n\n${escapeMarkdown(node.description)}\n\n${markdownCodeBlock(JSON.stringify(node.archetype, null, 1), 'json')}`,
    );
    item.command = { command: COMMANDS.openArchetype, title: 'Open in Dataset Generator', arguments: [node.archetype] };
    item.contextValue = 'archetype';
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
