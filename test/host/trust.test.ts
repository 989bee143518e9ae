/** Restricted Mode: analyses still answer; the runner, language-model calls and file writes are refused with the reason. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake, Uri } from './fakes/fakeVscode';
import { ask, fakeHost } from './fakes/fakeHost';
import { DEFAULT_FORM } from '../../src/protocol/cascadeRunner';
import { ROOT } from '../helpers/paths';

const host = fakeHost();
const { vs, log, services, rec, settings } = host;
settings.set('llm.endpoint', 'http://127.0.0.1:1/v1');
settings.set('llm.provider', 'openai');
/* eslint-disable @typescript-eslint/no-require-imports */
const { CascadeRunnerPanel } =
  require('../../src/host/panels/cascadeRunnerPanel') as typeof import('../../src/host/panels/cascadeRunnerPanel');
const { DatasetGeneratorPanel } =
  require('../../src/host/panels/datasetGeneratorPanel') as typeof import('../../src/host/panels/datasetGeneratorPanel');
const { HumanInTheLoopPanel } =
  require('../../src/host/panels/humanInTheLoopPanel') as typeof import('../../src/host/panels/humanInTheLoopPanel');
const { cascadeRunnerCommands } =
  require('../../src/host/commands/cascadeRunnerCommands') as typeof import('../../src/host/commands/cascadeRunnerCommands');
const { resolveChatProvider } =
  require('../../src/host/llm/chatProvider') as typeof import('../../src/host/llm/chatProvider');
/* eslint-enable @typescript-eslint/no-require-imports */
const RESTRICTED =
  /needs a trusted workspace: this workspace is in Restricted Mode\. Trust it \(Manage Workspace Trust\) to go on\./;
const panelOf = <T>(make: (p: never) => T) => {
  const panel = host.newPanel('t');
  return { panel, p: make(panel as never) };
};

test('Restricted Mode: a read-only analysis still runs', async () => {
  vs.workspace.isTrusted = false;
  const { panel } = panelOf((p) => new HumanInTheLoopPanel(p, services, { file: log }));
  panel.fromWebview({ type: 'request', requestId: 1, method: 'analyse', params: { selection: null } });
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(rec.jobs.at(-1)?.job, 'humanInTheLoop');
});

test('Restricted Mode: the Cascade Runner does not start, save or call; exports and the archetype library are not written', async () => {
  vs.workspace.isTrusted = false;
  const jobs = rec.jobs.length;
  const { panel: runner } = panelOf((p) => new CascadeRunnerPanel(p, services, { queriesFile: null }));
  const start = await ask(runner, 1, 'start', {
    ...DEFAULT_FORM,
    queriesFile: 'q.jsonl',
    weakModel: 'w',
    strongModel: 's',
  });
  assert.match(
    start.error ?? '',
    /^The Cascade Runner \(it calls your language-model endpoint and writes files\) needs a trusted workspace/,
  );
  assert.match(start.error ?? '', RESTRICTED);
  for (const [i, method] of ['saveLog', 'saveRepository'].entries())
    assert.match((await ask(runner, 2 + i, method, {})).error ?? '', /^Saving files needs a trusted workspace/);
  fake.saveDialogAnswer = Uri.file(join(host.ws, 'x.csv'));
  assert.match(
    (await ask(runner, 4, 'exportFile', { format: 'csv', suggestedName: 'x.csv', data: 'a\n' })).error ?? '',
    /^Saving files needs/,
  );
  fake.saveDialogAnswer = undefined;
  const { panel: gen } = panelOf((p) => new DatasetGeneratorPanel(p, services, { archetype: null, seed: 1 }));
  assert.match(
    (await ask(gen, 1, 'saveArchetype', { archetype: { n_clusters: 3 } })).error ?? '',
    /^Saving to the archetype library needs a trusted workspace/,
  );
  assert.match(
    (
      await ask(gen, 2, 'exportDatasets', {
        archetype: { n_clusters: 3 },
        seed: 1,
        distort: false,
        sphere: false,
        count: 1,
        format: 'csv',
      })
    ).error ?? '',
    /^Writing data sets needs/,
  );
  assert.equal(rec.jobs.length, jobs, 'no job');
  assert.equal(rec.dialogs.length, 0, 'no dialog: refused before asking');
  assert.throws(() => readFileSync(join(host.ws, 'archetypes.archetypes.jsonl')), /ENOENT/);
});

test('Restricted Mode: a description is read offline, and the reply says why no model was used', async () => {
  vs.workspace.isTrusted = false;
  assert.deepEqual(await resolveChatProvider(services.context.secrets), {
    provider: null,
    problem: 'no language model is called in Restricted Mode (trust the workspace to use one)',
  });
  const { panel } = panelOf((p) => new DatasetGeneratorPanel(p, services, { archetype: null, seed: 1 }));
  const r = (await ask(panel, 1, 'describe', { text: 'three clusters in 2D', useModel: true })) as {
    ok: boolean;
    result: { source: string; warnings: string[] };
  };
  assert.equal(r.result.source, 'offline');
  assert.match(r.result.warnings[0], /Restricted Mode.*read offline/);
  vs.workspace.isTrusted = true;
  assert.notEqual(
    (await resolveChatProvider(services.context.secrets)).provider,
    null,
    'trusted: the endpoint is used',
  );
});

test('Restricted Mode: "Open Cascade Runner" says why it is refused and offers to manage trust', async () => {
  vs.workspace.isTrusted = false;
  let shown = 0;
  const views = { cascadeRunner: { show: () => (shown++, {}) } } as never;
  const [open] = cascadeRunnerCommands(views);
  fake.warningAnswer = 'Manage Workspace Trust';
  await open.execute(undefined);
  await new Promise((r) => setTimeout(r, 10));
  fake.warningAnswer = undefined;
  assert.equal(shown, 0);
  assert.match(fake.warnings.at(-1)?.message ?? '', /^Cost-Risk Lab: The Cascade Runner .* needs a trusted workspace/);
  assert.deepEqual(fake.warnings.at(-1)?.items, ['Manage Workspace Trust']);
  assert.deepEqual(rec.commands.at(-1), ['workbench.trust.manage']);
  vs.workspace.isTrusted = true;
  await open.execute(undefined);
  assert.equal(shown, 1, 'trusted: it opens');
});

test('package.json: limited support in Restricted Mode, described; the endpoint is an application setting; runner menus need trust', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    capabilities: {
      untrustedWorkspaces: { supported: string; description: string; restrictedConfigurations: string[] };
    };
    contributes: {
      configuration: { properties: Record<string, { scope?: string }> };
      menus: Record<string, { command: string; when?: string }[]>;
    };
  };
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, 'limited');
  assert.match(u.description, /Restricted Mode/);
  const props = pkg.contributes.configuration.properties;
  for (const k of u.restrictedConfigurations) assert.ok(props[k], `${k} is a contributed setting`);
  assert.ok(
    u.restrictedConfigurations.includes('costRiskLab.llm.endpoint') &&
      u.restrictedConfigurations.includes('costRiskLab.priceFile'),
  );
  assert.equal(props['costRiskLab.llm.endpoint'].scope, 'application', 'a repository cannot choose where the key goes');
  const runnerMenus = Object.values(pkg.contributes.menus)
    .flat()
    .filter((m) => m.command === 'costRiskLab.openCascadeRunner');
  assert.ok(
    runnerMenus.length >= 2 && runnerMenus.every((m) => /\bisWorkspaceTrusted\b/.test(m.when ?? '')),
    'every menu entry of the runner is hidden in Restricted Mode',
  );
});
