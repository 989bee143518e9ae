/** Settings → the parameters of a worker job on a log (against a fake `vscode`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Uri, useFakeVscode } from './fakes/fakeVscode';

const vs = useFakeVscode();
const settings = new Map<string, unknown>();
Object.assign(vs.workspace, {
  getConfiguration: () => ({ get: <T>(k: string, d: T) => (settings.has(k) ? settings.get(k) : d) }),
  workspaceFolders: [{ uri: Uri.file('/ws') }],
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { logJobSource } = require('../../src/host/settings') as typeof import('../../src/host/settings');

test('logJobSource: prices, price file in the workspace, threshold, and only the scoring choices that are set', () => {
  settings.clear();
  assert.deepEqual(logJobSource('/ws/a.jsonl'), {
    file: '/ws/a.jsonl',
    prices: {},
    priceFile: null,
    correctThreshold: 0.5,
    priceDatabase: true,
    keepEpochs: false,
    trainFraction: 0.5,
    splitSeed: 1,
  });
  settings.set('priceFile', 'prices.json');
  settings.set('correctThreshold', 7);
  settings.set('lmEval.metric', ' acc_norm ');
  settings.set('lmEval.filter', '');
  settings.set('inspect.scorer', 'model_graded_fact');
  settings.set('split.trainFraction', 1);
  settings.set('split.seed', 3.7);
  settings.set('keepEpochs', true);
  assert.deepEqual(logJobSource('/ws/a.jsonl'), {
    file: '/ws/a.jsonl',
    prices: {},
    priceFile: '/ws/prices.json',
    correctThreshold: 0.5,
    priceDatabase: true,
    keepEpochs: true,
    trainFraction: 0.5,
    splitSeed: 3,
    lmEvalMetric: 'acc_norm',
    inspectScorer: 'model_graded_fact',
  });
});
