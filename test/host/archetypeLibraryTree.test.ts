/**
 * The "Archetype Library" tree on the fake `vscode` over a real workspace: the workspace's
 * `*.archetypes.jsonl` files first (sorted, outside node_modules), each with its archetypes and its
 * bad lines (a warning that opens the line, the problem logged with file and line), then the
 * built-in examples; items open the archetype in the Dataset Generator; file events refresh.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake, MarkdownString, Range, ThemeIcon, Uri } from './fakes/fakeVscode';
import { fakeHost } from './fakes/fakeHost';

const host = fakeHost();
/* eslint-disable @typescript-eslint/no-require-imports -- host modules load after the fake vscode is installed */
const { ArchetypeLibraryTree, ARCHETYPE_GLOB } =
  require('../../src/host/archetypes/archetypeLibraryTree') as typeof import('../../src/host/archetypes/archetypeLibraryTree');
const { EXAMPLE_ARCHETYPES } =
  require('../../src/engines/clusters/exampleArchetypes') as typeof import('../../src/engines/clusters/exampleArchetypes');
const { COMMANDS } = require('../../src/host/commandIds') as typeof import('../../src/host/commandIds');
/* eslint-enable @typescript-eslint/no-require-imports */

type Node = import('../../src/host/archetypes/archetypeLibraryTree').ArchetypeNode;
type Item = {
  label: string;
  description?: string;
  contextValue?: string;
  collapsibleState: number;
  iconPath?: ThemeIcon;
  tooltip?: unknown;
  resourceUri?: Uri;
  command?: { command: string; arguments?: unknown[] };
};

const ws = join(host.ws, 'archetype-ws');
mkdirSync(join(ws, 'lib'), { recursive: true });
mkdirSync(join(ws, 'node_modules', 'x'), { recursive: true });
host.vs.workspace.workspaceFolders = [{ uri: Uri.file(ws) }];
const good = JSON.stringify({ ...EXAMPLE_ARCHETYPES[0].archetype, name: 'mine_small', n_clusters: 4, n_samples: 400 });
const mine = join(ws, 'lib', 'mine.archetypes.jsonl');
writeFileSync(mine, `${good}\n\n{"name": "broken"\n${JSON.stringify({ name: 'x', n_clusters: -3 })}\n`);
writeFileSync(join(ws, 'a.archetypes.jsonl'), `${JSON.stringify(EXAMPLE_ARCHETYPES[1].archetype)}\n`);
writeFileSync(join(ws, 'node_modules', 'x', 'dep.archetypes.jsonl'), `${good}\n`);
writeFileSync(join(ws, 'other.jsonl'), `${good}\n`);

const logged: string[] = [];
const tree = new ArchetypeLibraryTree({ log: (l: string) => void logged.push(l) } as never);
const watcher = fake.watchers.at(-1)!;
const item = (n: Node) => tree.getTreeItem(n) as unknown as Item;

test("the workspace's archetype files first (sorted, not node_modules), then the built-in examples", async () => {
  assert.equal(watcher.glob, ARCHETYPE_GLOB);
  const roots = await tree.getChildren();
  assert.deepEqual(
    roots.map((n) => [item(n).label, item(n).description, item(n).contextValue, item(n).iconPath?.id]),
    [
      ['a.archetypes.jsonl', '1 archetype(s)', 'archetypeFile', 'file'],
      ['mine.archetypes.jsonl', '1 archetype(s), 2 bad line(s)', 'archetypeFile', 'file'],
      ['Built-in examples', `${EXAMPLE_ARCHETYPES.length} archetype(s)`, 'archetypeGroup', 'library'],
    ],
  );
  assert.equal(item(roots[1]).collapsibleState, host.vs.TreeItemCollapsibleState.Expanded);
  assert.equal(item(roots[2]).collapsibleState, host.vs.TreeItemCollapsibleState.Collapsed);
  assert.equal(item(roots[1]).resourceUri?.fsPath, mine);
  assert.equal(item(roots[1]).tooltip, mine);
});

test('a file lists its archetypes and its bad lines; each bad line is logged with file and line and opens there', async () => {
  logged.length = 0;
  const [, file] = await tree.getChildren();
  const children = await tree.getChildren(file);
  const items = children.map(item);
  assert.deepEqual(
    items.map((i) => i.label),
    ['mine_small', 'line 3: not loaded', 'line 4: not loaded'],
  );
  assert.match(items[0].description ?? '', /^4 clusters · 2D · 400 pts · overlap /);
  assert.equal(items[0].contextValue, 'archetype');
  assert.deepEqual(items[0].command?.command, COMMANDS.openArchetype);
  const opened = items[0].command?.arguments?.[0] as { name: string; n_clusters: number };
  assert.deepEqual([opened.name, opened.n_clusters], ['mine_small', 4], 'the archetype itself is passed on');
  const md = items[0].tooltip as MarkdownString;
  assert.ok(md.value.startsWith('**mine\\_small**'), md.value);
  assert.equal(md.isTrusted, false);

  assert.equal(items[1].iconPath?.id, 'warning');
  assert.match(items[1].description ?? '', /^not valid JSON/);
  assert.equal(items[1].command?.command, 'vscode.open');
  const [uri, opts] = items[1].command?.arguments as [Uri, { selection: Range }];
  assert.equal(uri.fsPath, mine);
  assert.deepEqual(opts.selection, new Range(2, 0, 2, 0), 'line 3 is 0-based line 2');
  assert.match(items[2].description ?? '', /n_clusters/);
  assert.deepEqual(
    logged.filter((l) => l.startsWith(mine)).map((l) => l.slice(mine.length, mine.length + 3)),
    [':3:', ':4:'],
  );
  assert.deepEqual(await tree.getChildren(children[0]), [], 'an archetype has no children');
});

test('the built-in group holds every example with its description', async () => {
  const roots = await tree.getChildren();
  const builtIn = await tree.getChildren(roots[2]);
  assert.deepEqual(
    builtIn.map((n) => [item(n).label, item(n).description]),
    EXAMPLE_ARCHETYPES.map((e) => [e.archetype.name, e.description]),
  );
});

test('creating, changing or deleting an archetype file refreshes the tree; dispose stops listening', () => {
  let fired = 0;
  tree.onDidChangeTreeData(() => fired++);
  watcher.fire('create', mine);
  watcher.fire('change', mine);
  watcher.fire('delete', mine);
  assert.equal(fired, 3);
  tree.refresh();
  assert.equal(fired, 4);
  tree.dispose();
  assert.equal(watcher.disposed, true);
  watcher.fire('change', mine);
  assert.equal(fired, 4);
});
