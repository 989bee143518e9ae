/** The key check in the host (fake `vscode`): a workspace endpoint asks in a modal naming the host before the runner sends the key. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fake } from './fakes/fakeVscode';
import { ask, fakeHost } from './fakes/fakeHost';
import { API_KEY_SECRET, formatStoredKey, parseStoredKey } from '../../src/host/llm/endpointKey';
import { DEFAULT_FORM } from '../../src/protocol/cascadeRunner';

const host = fakeHost();
const { services, rec, settings, workspaceSettings, secrets } = host;
/* eslint-disable @typescript-eslint/no-require-imports */
const { CascadeRunnerPanel } =
  require('../../src/host/panels/cascadeRunnerPanel') as typeof import('../../src/host/panels/cascadeRunnerPanel');
const { llmCommands } = require('../../src/host/llm/llmCommands') as typeof import('../../src/host/llm/llmCommands');
/* eslint-enable @typescript-eslint/no-require-imports */
const form = { ...DEFAULT_FORM, queriesFile: 'q.jsonl', weakModel: 'w', strongModel: 's' };

test('an endpoint set by the workspace: a modal names the host; declined, no run and no key; confirmed, the run gets the key', async () => {
  settings.set('llm.endpoint', 'https://models.example/v1');
  workspaceSettings.set('llm.endpoint', 'https://models.example/v1');
  secrets.set(API_KEY_SECRET, formatStoredKey({ key: 'sk-bound-0123456789', origin: 'https://models.example' }));
  const panel = host.newPanel('runner');
  new CascadeRunnerPanel(panel as never, services, { queriesFile: null });
  const jobs = rec.jobs.length;
  const r = await ask(panel, 1, 'start', form);
  assert.deepEqual(r, {
    ok: false,
    error: 'The API key was not sent: sending it to models.example was not confirmed.',
  });
  const asked = fake.warnings.at(-1);
  assert.equal(asked?.message, 'Send your language-model API key to models.example?');
  assert.equal((asked?.options as { modal?: boolean }).modal, true, 'a modal dialog');
  assert.match((asked?.options as { detail: string }).detail, /set in the workspace's settings/);
  assert.deepEqual(asked?.items, ['Send Key to models.example']);
  assert.equal(rec.jobs.length, jobs, 'nothing ran');

  fake.warningAnswer = 'Send Key to models.example';
  assert.deepEqual(await ask(panel, 2, 'start', form), { ok: true, result: null });
  fake.warningAnswer = undefined;
  assert.equal(rec.jobs.at(-1)?.params.apiKey, 'sk-bound-0123456789');
  workspaceSettings.clear();
});

test('Set API Key binds the key to the host of the user endpoint, and says so', async () => {
  settings.set('llm.endpoint', 'https://api.openai.com/v1');
  Object.assign(host.vs.window, { showInputBox: async () => ' sk-new-key-0123456789 ' });
  const [setKey] = llmCommands(services);
  await setKey.execute();
  assert.deepEqual(parseStoredKey(secrets.get(API_KEY_SECRET)), {
    key: 'sk-new-key-0123456789',
    origin: 'https://api.openai.com',
  });
  assert.equal(fake.infoMessages.at(-1), 'Cost-Risk Lab: API key saved for api.openai.com.');
});
