/** The Model Overview's "Where" on the host side (fake `vscode`): a slice is summarised by the worker, the whole log by the shared summaries. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeHost } from './fakes/fakeHost';

const h = fakeHost();
/* eslint-disable @typescript-eslint/no-require-imports */
const { modelOverviewView } =
  require('../../src/host/panels/modelOverviewPanel') as typeof import('../../src/host/panels/modelOverviewPanel');
/* eslint-enable @typescript-eslint/no-require-imports */

test('Model Overview: a slice request runs summarizeLog on the slice with the settings; a drill-down carries the slice', async () => {
  h.settings.set('correctThreshold', 0.8);
  const panel = h.newPanel('costRiskLab.modelOverview');
  modelOverviewView.create(panel as never, { file: h.log }, h.services);
  panel.fromWebview({ type: 'ready' });
  const jobs = h.rec.jobs.length;
  const where = { field: 'task', value: 'mmlu' };
  // The fake engine never answers: only the jobs asked for matter here.
  panel.fromWebview({ type: 'request', requestId: 1, method: 'slice', params: { where } });
  panel.fromWebview({
    type: 'request',
    requestId: 2,
    method: 'queryTable',
    params: { model: 'm', split: 'test', where },
  });
  await new Promise((r) => setImmediate(r));
  const [summary, table] = h.rec.jobs.slice(jobs);
  assert.equal(summary.job, 'summarizeLog');
  assert.deepEqual([summary.params.file, summary.params.where, summary.params.correctThreshold], [h.log, where, 0.8]);
  assert.equal(table.job, 'queryTable');
  assert.deepEqual(table.params.where, where);
  assert.deepEqual(table.params.system, { kind: 'model', model: 'm', split: 'test' });
  h.settings.delete('correctThreshold');
});

test('Model Overview: a malformed slice is refused before any job', async () => {
  const panel = h.newPanel('costRiskLab.modelOverview');
  modelOverviewView.create(panel as never, { file: h.log }, h.services);
  panel.fromWebview({ type: 'ready' });
  const jobs = h.rec.jobs.length;
  for (const where of [{ field: '', value: 'x' }, { field: 'a\nb', value: 'x' }, { field: 'task' }, 'task=mmlu'])
    panel.fromWebview({ type: 'request', requestId: 9, method: 'slice', params: { where } });
  await new Promise((r) => setImmediate(r));
  assert.equal(h.rec.jobs.length, jobs);
});
