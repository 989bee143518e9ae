/** package.json's `contributes` matches the ids in src/host/commandIds.ts, and its menus make sense. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, PANELS, VIEWS } from '../../src/host/commandIds';
import { ROOT } from '../helpers/paths';

interface Menu {
  command: string;
  when?: string;
  group?: string;
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  displayName: string;
  main: string;
  activationEvents: string[];
  engines: { vscode: string };
  scripts: Record<string, string>;
  license?: string;
  contributes: {
    commands: { command: string; title: string; category?: string; icon?: string }[];
    viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
    menus: Record<string, Menu[]>;
    configuration: { properties: Record<string, { type: string; default: unknown }> };
    walkthroughs: {
      id: string;
      steps: { id: string; description: string; media: { markdown?: string; image?: string } }[];
    }[];
  };
};
const c = pkg.contributes;
const commandIds = Object.values(COMMANDS);

test('contributes exactly the commands of COMMANDS, each under category "Cost-Risk Lab"', () => {
  assert.deepEqual(c.commands.map((x) => x.command).sort(), [...commandIds].sort());
  for (const cmd of c.commands) {
    assert.equal(cmd.category, 'Cost-Risk Lab', `${cmd.command} category`);
    assert.ok(
      cmd.title.length > 3 && !cmd.title.startsWith('Cost-Risk Lab'),
      `${cmd.command}: a title without the category prefix`,
    );
  }
  assert.equal(new Set(commandIds).size, commandIds.length, 'ids are unique');
  for (const id of commandIds) assert.match(id, /^costRiskLab\.[a-z][A-Za-z]+$/);
});

test('activity-bar container and the Eval Logs view use the VIEWS ids; welcome content exists', () => {
  assert.deepEqual(
    c.viewsContainers.activitybar.map((x) => x.id),
    [VIEWS.container],
  );
  assert.equal(c.viewsContainers.activitybar[0].title, 'Cost-Risk Lab');
  assert.ok(existsSync(join(ROOT, c.viewsContainers.activitybar[0].icon)), 'container icon file exists');
  assert.deepEqual(Object.keys(c.views), [VIEWS.container]);
  // Every tree view of the container is in VIEWS (add yours there), and only those; Eval Logs first.
  const treeViews: string[] = Object.entries(VIEWS)
    .filter(([k]) => k !== 'container')
    .map(([, v]) => v);
  assert.deepEqual(c.views[VIEWS.container].map((v) => v.id).sort(), treeViews.sort());
  assert.deepEqual([c.views[VIEWS.container][0].id, c.views[VIEWS.container][0].name], [VIEWS.evalLogs, 'Eval Logs']);
  assert.ok(
    c.viewsWelcome.some((w) => w.view === VIEWS.evalLogs),
    'Eval Logs has welcome content',
  );
  for (const w of c.viewsWelcome)
    assert.ok(treeViews.includes(w.view), `welcome content for a contributed view (${w.view})`);
});

test('lazy activation: no "*", every panel type restorable, logs and commands activate', () => {
  const ev = pkg.activationEvents;
  assert.ok(!ev.includes('*') && !ev.includes('onStartupFinished'), 'no eager activation');
  for (const p of Object.values(PANELS))
    assert.ok(ev.includes(`onWebviewPanel:${p}`), `onWebviewPanel:${p} (panel restore after reload)`);
  assert.ok(ev.includes(`onView:${VIEWS.evalLogs}`));
  assert.ok(ev.includes(`onCommand:${COMMANDS.analyzeEvalLog}`));
  assert.ok(
    ev.some((e) => e.startsWith('workspaceContains:')),
    'activates in workspaces with logs',
  );
  for (const e of ev) {
    const [kind, arg] = e.split(/:(.*)/s);
    if (kind === 'onCommand') assert.ok((commandIds as string[]).includes(arg), `${e} names a contributed command`);
    if (kind === 'onWebviewPanel')
      assert.ok((Object.values(PANELS) as string[]).includes(arg), `${e} names a panel type`);
  }
});

test('menus reference contributed commands; the explorer entry shows only on log files', () => {
  for (const [where, items] of Object.entries(c.menus)) {
    for (const m of items) {
      assert.ok((commandIds as string[]).includes(m.command), `${where}: ${m.command} is contributed`);
      if (m.when) {
        assert.equal(
          m.when.split('(').length,
          m.when.split(')').length,
          `${where}: balanced parentheses in "${m.when}"`,
        );
        for (const v of m.when.match(/view == ([\w.]+)/g) ?? [])
          assert.ok((Object.values(VIEWS) as string[]).includes(v.slice(8)), `${where}: ${v}`);
      }
    }
  }
  const explorer = c.menus['explorer/context'].find((m) => m.command === COMMANDS.analyzeEvalLog);
  assert.ok(explorer?.when, 'Analyze Eval Log in the explorer context menu, with a when clause');
  const re = new RegExp(explorer.when.match(/=~ \/(.*)\/$/)?.[1] ?? '^$');
  for (const ext of ['.jsonl', '.json', '.csv', '.eval']) assert.ok(re.test(ext), `shown on ${ext}`);
  for (const ext of ['.ts', '.md', '.jsonc', '.evaluation', '']) assert.ok(!re.test(ext), `hidden on "${ext}"`);
  for (const m of c.menus['view/item/context'] ?? [])
    assert.match(m.when ?? '', /viewItem == /, 'tree item menus are scoped to an item kind');
});

test('settings, walkthrough, packaging metadata', () => {
  const props = c.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), [
    'costRiskLab.correctThreshold',
    'costRiskLab.inspect.scorer',
    'costRiskLab.keepEpochs',
    'costRiskLab.llm.endpoint',
    'costRiskLab.llm.model',
    'costRiskLab.llm.provider',
    'costRiskLab.llm.timeoutSeconds',
    'costRiskLab.lmEval.filter',
    'costRiskLab.lmEval.metric',
    'costRiskLab.logGlob',
    'costRiskLab.priceDatabase',
    'costRiskLab.priceFile',
    'costRiskLab.prices',
    'costRiskLab.promptfoo.assertion',
    'costRiskLab.split.seed',
    'costRiskLab.split.trainFraction',
  ]);
  assert.equal(props['costRiskLab.logGlob'].default, '**/*.{jsonl,json,csv,eval}');
  assert.equal(props['costRiskLab.prices'].type, 'object');
  const steps = c.walkthroughs[0].steps;
  assert.match(
    steps[0].description,
    new RegExp(`command:${COMMANDS.openExampleLog.replace('.', '\\.')}`),
    'the first step opens the example log',
  );
  for (const s of steps)
    if (s.media.markdown) assert.ok(existsSync(join(ROOT, s.media.markdown)), `${s.id}: ${s.media.markdown} exists`);
  assert.ok(existsSync(join(ROOT, 'examples', 'mmlu-llama.jsonl')), 'the bundled example log');
  assert.equal(pkg.displayName, 'Cost-Risk Lab');
  assert.equal(pkg.main, './dist/extension.js');
  assert.match(
    pkg.scripts.package,
    /--allow-missing-repository/,
    'vsce would stop to ask about the missing repository',
  );
  assert.equal(pkg.license, 'MIT');
  assert.ok(existsSync(join(ROOT, 'LICENSE')));
});
