import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterRows, rowTotals } from '../../../src/engines/drilldown/filterRows';
import { cascadeQueryTable, modelQueryTable, type QueryRow } from '../../../src/engines/drilldown/queryTable';
import { joinByQuery } from '../../../src/engines/logs/joinByQuery';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { summarizeModels } from '../../../src/engines/logs/summarizeModels';
import { tuneCascade } from '../../../src/engines/tuning/tuneCascade';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';

test("a drilled-down point's mean row cost equals the frontier's test cost when the frontier charges each query its recorded costs", async () => {
  const { records } = await readEvalLog(realLog('medmcqa-llama'), {});
  const cascade = ['llama3.2-3b', 'llama3.1-70b'];
  const tuned = tuneCascade({
    records,
    cascade,
    methods: ['grid'],
    bootstrap: 0,
    auc: false,
    costMode: 'query',
    gridStep: 0.05,
  });
  for (const p of tuned.methods.grid!.points) {
    const table = cascadeQueryTable({ records, cascade, thresholds: p.thresholds });
    const totals = rowTotals(table.rows, 2);
    // Summed in the same order as the frontier score; 1e-12 relative allows a different association.
    assertClose(totals.meanCostUsd!, p.testCost!, { rel: 1e-12 }, 'mean cost');
    assertClose(totals.error, p.testError!, { abs: 1e-15 }, 'error');
  }
});

test("a model's rows: share of right rows = the Model Overview's accuracy, per split and over all records", async () => {
  const { records } = await readEvalLog(realLog('mmlu-qwen-oai'), {});
  for (const split of ['', 'train', 'test']) {
    for (const s of summarizeModels(records, split === '' ? undefined : split, { replicates: 0 })) {
      const table = modelQueryTable(records, s.model, split);
      const totals = rowTotals(table.rows, 1);
      assert.equal(totals.n, s.n);
      // 1 − wrong/n against a mean of 0/1 scores: equal up to rounding (1e-12).
      assertClose(1 - totals.error, s.accuracy, { abs: 1e-12 }, `${s.model} ${split}`);
      if (s.mean_cost_usd !== null) assertClose(totals.meanCostUsd!, s.mean_cost_usd, { rel: 1e-12 }, 'cost');
      if (s.mean_latency_s !== null) assertClose(totals.meanLatencyS!, s.mean_latency_s, { rel: 1e-12 }, 'latency');
    }
  }
  const one = modelQueryTable(records, 'gpt-4o', 'test');
  assert.ok(
    one.rows.every((r) => r.line[0] >= 1 && r.question.length > 0),
    'every row keeps its line and question',
  );
  assert.deepEqual(modelQueryTable(records, 'no such model', '').notes, ['"no such model" has no record.']);
});

test('disagreement and confident-and-wrong filters count what an independent pass over the join counts', async () => {
  const { records } = await readEvalLog(realLog('mmlu-llama'), {});
  const cascade = ['llama3.2-1b', 'llama3.1-405b'];
  const table = cascadeQueryTable({ records, cascade, thresholds: [0.7] });
  const j = joinByQuery(records, { models: cascade, split: 'test' });
  const byId = new Map(j.queryIds.map((id, q) => [id, j.cells[q]]));
  let disagree = 0;
  for (const r of table.rows) {
    const cells = byId.get(r.queryId)!;
    if (cells[0]!.correct !== cells[1]!.correct) disagree++;
  }
  assert.ok(disagree > 0);
  assert.equal(filterRows(table.rows, { kind: 'disagree', a: 0, b: 1 }).length, disagree);
  assert.equal(filterRows(table.rows, { kind: 'disagree', a: 1, b: 1 }).length, 0);
  const confidentWrong = table.rows.filter((r) => !r.correct && r.confidence[r.answeredBy]! >= 0.9).length;
  assert.equal(filterRows(table.rows, { kind: 'confidentWrong', min: 0.9 }).length, confidentWrong);
  assert.ok(filterRows(table.rows, { kind: 'confidentWrong', min: 0 }).length === rowTotals(table.rows, 2).wrong);
  // Threshold 0.7 on φ: every row the first model answered has φ > 0.7, every deferred one φ ≤ 0.7.
  for (const r of table.rows) assert.equal(r.answeredBy === 0, r.confidence[0]! > 0.7);
});

test('a cascade row costs every call made and waits for each of them', () => {
  const rec = (
    queryId: string,
    model: string,
    split: string,
    correct: boolean,
    confidence: number,
    costUsd: number | null,
    latencyS: number | null,
    line: number,
  ) => ({
    queryId,
    model,
    score: correct ? 1 : 0,
    correct,
    logprob: null,
    confidence,
    costUsd,
    inputTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    costSource: 'log' as const,
    epochs: 1,
    latencyS,
    split,
    task: 't',
    taskType: 'multiple_choice' as const,
    signal: 's',
    reasoning: null,
    question: `q ${queryId}`,
    file: 'f',
    line,
  });
  const records: EvalRecord[] = [];
  let line = 1;
  // Training data with both outcomes at several confidences, so the calibrators fit.
  // Right mostly when confident (one exception per side), so the calibrators rise with the confidence.
  for (let i = 0; i < 40; i++)
    for (const m of ['a', 'b'])
      records.push(rec(`tr${i}`, m, 'train', i % 10 === 0 ? i < 20 : i >= 20, 0.05 + (0.9 * i) / 39, 1, 1, line++));
  records.push(
    rec('x', 'a', 'test', false, 0.05, 0.001, 0.5, line++),
    rec('x', 'b', 'test', true, 0.9, 0.01, 2, line++),
  );
  records.push(
    rec('y', 'a', 'test', true, 0.95, 0.001, null, line++),
    rec('y', 'b', 'test', true, 0.9, 0.01, 2, line++),
  );
  const t = cascadeQueryTable({ records, cascade: ['a', 'b'], thresholds: [0.5] });
  const byId = new Map<string, QueryRow>(t.rows.map((r) => [r.queryId, r]));
  const x = byId.get('x')!;
  const y = byId.get('y')!;
  assert.ok(
    x.confidence[0]! < 0.5 && y.confidence[0]! > 0.5,
    'calibrated confidence keeps the order of the raw one here',
  );
  assert.equal(x.answeredBy, 1);
  assertClose(x.costUsd!, 0.011, { abs: 1e-15 }, 'both calls');
  assert.equal(x.latencyS, 2.5, 'both calls, one after the other');
  assert.equal(x.correct, true);
  assert.deepEqual(x.modelCorrect, [false, true]);
  assert.deepEqual(x.line, [81, 82]);
  assert.equal(y.answeredBy, 0);
  assert.equal(y.costUsd, 0.001);
  assert.equal(y.latencyS, null, 'an unknown latency of a call made leaves the row without one');
  assert.throws(() => cascadeQueryTable({ records, cascade: ['a', 'b'], thresholds: [] }), /needs 1 threshold/);
  assert.throws(() => cascadeQueryTable({ records, cascade: ['a'], thresholds: [] }), /at least 2/);
  const none = cascadeQueryTable({ records, cascade: ['a', 'b'], thresholds: [0.5], testSplit: 'nope' });
  assert.equal(none.rows.length, 0);
  assert.equal(none.notes.length, 1);
});
