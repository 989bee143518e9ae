/**
 * Hostile names in Markdown tooltips (Eval Logs tree, Archetype Library): escaped so that they
 * render as the literal text, never as a link, command, image, HTML, code, emphasis, table cell or
 * theme icon. Checked on the Markdown source and, where the `marked` renderer is installed (it
 * comes with @vscode/vsce; VS Code renders hovers with marked too), on the rendered HTML.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hostileChar } from '../helpers/hostileText';
import { EventEmitter, MarkdownString, TreeItem } from './fakes/fakeVscode';
import { fakeHost } from './fakes/fakeHost';
import { escapeMarkdown, markdownCodeBlock } from '../../src/host/text/markdown';
import type { LogSummary, ModelSummary } from '../../src/protocol/logSummary';
import type { Archetype } from '../../src/engines/clusters/archetype';

const host = fakeHost();
const watcher = () => ({
  onDidCreate: () => ({ dispose() {} }),
  onDidChange: () => ({ dispose() {} }),
  onDidDelete: () => ({ dispose() {} }),
  dispose() {},
});
Object.assign(host.vs.workspace, { createFileSystemWatcher: watcher, asRelativePath: (p: string) => p });
/* eslint-disable @typescript-eslint/no-require-imports */
const { EvalLogTree } = require('../../src/host/logs/evalLogTree') as typeof import('../../src/host/logs/evalLogTree');
const { ArchetypeLibraryTree } =
  require('../../src/host/archetypes/archetypeLibraryTree') as typeof import('../../src/host/archetypes/archetypeLibraryTree');
/* eslint-enable @typescript-eslint/no-require-imports */

const HOSTILE = [
  '*[x](command:workbench.action.terminal.new)*',
  '[click](https://evil.example "t") ![img](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)><script>alert(1)</script>',
  '`code` ``two`` ```fence',
  'a | b | c',
  '$(zap) $(alert~spin)',
  '&lt;b&gt; &amp; &#60;',
  '# heading\n---\n> quote\n- item',
  'trailing backslash \\',
  '<command:workbench.action.quit>',
  'https://evil.example/autolink www.evil.example',
  'model\u001b[31m\u0007\u0000\u202e',
  '__bold__ ~~strike~~ {braces}',
];

type Marked = { parse(src: string, o?: { async: false }): string };
let marked: Marked | undefined;
test.before(async () => {
  try {
    marked = ((await import('marked')) as unknown as { marked: Marked }).marked;
  } catch {
    marked = undefined;
  }
});
/** The text of rendered HTML (tags removed, the few entities marked emits decoded). */
const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
const clean = (s: string): string =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ');

test('escapeMarkdown: every punctuation character escaped, one line, nothing invisible; unescaping gives the text back (property)', () => {
  for (const name of HOSTILE) {
    const e = escapeMarkdown(name);
    assert.doesNotMatch(e, /[\n\r\u0000-\u001f\u202e]/);
    assert.doesNotMatch(
      e,
      /(^|[^\\])(\\\\)*[[\]()`*_<>|$&!#]/,
      `${JSON.stringify(name)}: no unescaped markup character`,
    );
  }
  fc.assert(
    fc.property(fc.string({ unit: hostileChar, maxLength: 200 }), (s) => {
      const e = escapeMarkdown(s);
      assert.equal(e.replace(/\\([!-/:-@[-`{-~])/g, '$1'), clean(s));
    }),
    { numRuns: 200 },
  );
  assert.equal(escapeMarkdown('x'.repeat(600), 10), 'xxxxxxxxxx…');
});

test('rendered by marked: a hostile name is only its own text, with no element of its own', (t) => {
  if (!marked) return t.skip('marked is not installed');
  for (const name of HOSTILE) {
    const html = marked.parse(
      `| | |\n|---|---|\n| model | ${escapeMarkdown(name)} |\n\n**${escapeMarkdown(name)}** (split: ${escapeMarkdown(name)})`,
      { async: false },
    );
    assert.doesNotMatch(
      html,
      /<(a|img|script|code|em|h\d|blockquote|li|hr|del)\b/i,
      `${JSON.stringify(name)} renders no element: ${html}`,
    );
    assert.equal((html.match(/<td>/g) ?? []).length, 2, `${JSON.stringify(name)}: the table keeps two cells`);
    assert.equal((html.match(/<strong>/g) ?? []).length, 1, 'only our bold');
    assert.ok(textOf(html).includes(clean(name).trim()), `${JSON.stringify(name)} reads as itself`);
  }
});

test('markdownCodeBlock: text with backtick fences cannot close the block', (t) => {
  const nasty = 'x```\n```\n</code><img src=x>\n````` y';
  const block = markdownCodeBlock(nasty, 'json"><x');
  assert.match(block, /^`{6}json/, 'the fence is longer than the longest run inside; the language is sanitized');
  if (!marked) return t.skip('marked is not installed');
  const html = marked.parse(`before\n\n${block}\n\nafter`, { async: false });
  assert.equal((html.match(/<pre>/g) ?? []).length, 1);
  assert.doesNotMatch(html, /<img/);
  assert.ok(textOf(html.slice(html.indexOf('<pre>'), html.indexOf('</pre>'))).includes('</code><img src=x>'));
});

const model = (name: string): ModelSummary =>
  ({
    model: name,
    accuracy: 0.5,
    mean_cost_usd: 0.001,
    mean_latency_s: 1,
    mean_output_tokens: 10,
    n: 10,
    cost_source: 'log',
  }) as unknown as ModelSummary;

test('Eval Logs tree: model and log tooltips escape names, split labels and reasons; untrusted, no HTML', async (t) => {
  const evil = HOSTILE[0];
  const summary = {
    file: '/w/a.jsonl',
    adapter: 'native',
    mtimeMs: 1,
    size: 1,
    records: 2,
    linesRead: 2,
    fatal: null,
    splits: [
      {
        split: '',
        label: 'all records',
        models: [model(evil)],
        frontier: [evil],
        queries: 1,
        completeQueries: 1,
        notes: [],
        extraFields: [],
      },
      {
        split: evil,
        label: HOSTILE[2],
        models: [],
        frontier: [],
        queries: 1,
        completeQueries: 1,
        notes: [],
        extraFields: [],
      },
    ],
    skippedCount: 1,
    warningCount: 0,
    problems: [],
    problemsOmitted: 0,
    missingFields: [],
  } as unknown as LogSummary;
  const logs = { summary: async () => summary, onDidChange: new EventEmitter<string | undefined>().event };
  const tree = new EvalLogTree(logs as never);
  const logNode = {
    kind: 'log' as const,
    log: { uri: { fsPath: '/w/[x](command:evil).jsonl', scheme: 'file' }, adapter: 'native' },
  } as never;
  const children = await tree.getChildren(logNode);
  const tips = [tree.getTreeItem(children[0]).tooltip, tree.getTreeItem(logNode).tooltip] as MarkdownString[];
  for (const tip of tips) {
    assert.ok(tip instanceof MarkdownString);
    assert.equal(tip.isTrusted, false);
    assert.equal(tip.supportHtml, false);
    assert.ok(!tip.value.includes('](command:'), 'no raw link syntax');
    if (marked)
      assert.doesNotMatch(
        marked.parse(tip.value.replace(/\$\([a-z-]+\)/g, ''), { async: false }),
        /<(a|img|script|em)\b/,
      );
  }
  assert.equal((tips[1].value.match(/\$\(/g) ?? []).length, 1, 'only our own $(warning) icon is live');
  assert.ok(tips[1].value.includes(escapeMarkdown(HOSTILE[2], 100)), 'the split label is escaped');
  tree.dispose();
  if (!marked) t.skip('rendering not checked: marked is not installed');
});

test('Archetype Library: the archetype tooltip escapes its name and fences its JSON', (t) => {
  const tree = new ArchetypeLibraryTree({ log: () => undefined } as never);
  const archetype = { name: '</code>```\n[x](command:evil)', n_clusters: 3 } as unknown as Archetype;
  const item = tree.getTreeItem({
    kind: 'archetype',
    archetype,
    description: HOSTILE[2],
    file: null,
    line: null,
  }) as TreeItem;
  const tip = item.tooltip as MarkdownString;
  assert.equal(tip.isTrusted, false);
  assert.ok(tip.value.startsWith(`**${escapeMarkdown(archetype.name)}**`));
  if (!marked) return t.skip('marked is not installed');
  const html = marked.parse(tip.value, { async: false });
  assert.doesNotMatch(html, /<(a|img|script)\b/);
  assert.equal((html.match(/<pre>/g) ?? []).length, 1, 'one code block, not closed early by the name');
  tree.dispose();
});
