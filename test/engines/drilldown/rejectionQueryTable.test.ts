import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abstainReport } from '../../../src/engines/abstention/abstainReport';
import { filterRows, rowTotals } from '../../../src/engines/drilldown/filterRows';
import { rejectionQueryTable } from '../../../src/engines/drilldown/rejectionQueryTable';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';
import { rec } from '../economics/records';

test('every point of every model’s accuracy–rejection curve drilled down: accepted accuracy = A(r), share sent to the human = r (mmlu-llama, test split)', async () => {
  const { records } = await readEvalLog(realLog('mmlu-llama'), {});
  const inSplit = records.filter((r) => r.split === 'test');
  const fitOn = records.filter((r) => r.split === 'train');
  const models = [...new Set(records.map((r) => r.model))];
  let points = 0;
  for (const model of models) {
    const report = abstainReport(inSplit, { model, maxRejection: 0.2, curveMax: 0.5, fitOn });
    for (const p of report.curve) {
      const t = rejectionQueryTable(inSplit, { model, fitOn, rejection: p.rejection });
      assert.equal(t.rows.length, report.n);
      const totals = rowTotals(t.rows, 1);
      // Same counts added in another order (row by row, not by prefix sums): a few ulps.
      assertClose(totals.toHuman / totals.n, p.rejection, { abs: 1e-12 }, `${model} r`);
      assertClose(totals.acceptedAccuracy!, p.accuracy!, { abs: 1e-12 }, `${model} A(${p.rejection})`);
      // Whole rows sent cannot exceed r·n; rows touched (ties at the cut included) cannot fall short of it.
      const touched = filterRows(t.rows, { kind: 'human' }).length;
      const whole = t.rows.filter((r) => r.humanShare === 1).length;
      assert.ok(
        whole <= p.rejection * report.n + 1e-9 && touched >= p.rejection * report.n - 1e-9,
        `${whole} ${touched}`,
      );
      points++;
    }
  }
  assert.ok(points >= 4 * 51, `${points} curve points`);
});

test('with the log confidence as signal, the accepted rows are the most confident answers, counted by hand', async () => {
  const { records } = await readEvalLog(realLog('medmcqa-llama'), {});
  const model = 'llama3.1-8b';
  const own = records.filter((r) => r.model === model && r.split === 'test' && r.confidence !== null);
  const n = own.length;
  const byConfidence = [...own].sort((a, b) => b.confidence! - a.confidence!);
  for (const rejection of [0, 0.1, 0.25, 0.5]) {
    const t = rejectionQueryTable(records, { model, split: 'test', signal: 'confidence', rejection });
    const k = Math.round((1 - rejection) * n);
    assert.equal(Math.abs((1 - rejection) * n - k) < 1e-9, true, 'n chosen so that (1 − r)·n is whole');
    const accepted = t.rows.filter((r) => r.humanShare === 0);
    assert.equal(accepted.length, k);
    assert.deepEqual(new Set(accepted.map((r) => r.queryId)), new Set(byConfidence.slice(0, k).map((r) => r.queryId)));
    const right = byConfidence.slice(0, k).filter((r) => r.correct).length;
    assertClose(
      rowTotals(t.rows, 1).acceptedAccuracy ?? Number.NaN,
      k ? right / k : Number.NaN,
      { abs: 1e-15 },
      'A(r)',
    );
    for (const row of t.rows.slice(0, 30)) {
      const r = own.find((x) => x.queryId === row.queryId)!;
      assert.deepEqual([row.line[0], row.question, row.confidence[0]], [r.line, r.question, r.confidence]);
    }
  }
});

test('ties at the cut are shared as the curve shares them; a rate outside [0, 1] is refused', () => {
  // Five answers of equal certainty, three right: rejecting 30% sends 30% of each to the human.
  const records = [true, true, true, false, false].map((ok, i) => rec('m', `q${i}`, 'test', ok, 0.8, 0.001, 1));
  const t = rejectionQueryTable(records, { model: 'm', signal: 'confidence', rejection: 0.3 });
  for (const r of t.rows) assertClose(r.humanShare, 0.3, { abs: 1e-15 }, 'share of a tied answer');
  const totals = rowTotals(t.rows, 1);
  assertClose(totals.acceptedAccuracy!, 0.6, { abs: 1e-15 }, 'tied block: its mean correctness');
  assertClose(totals.toHuman, 1.5, { abs: 1e-15 }, '30% of 5');
  assert.equal(
    rowTotals(rejectionQueryTable(records, { model: 'm', signal: 'confidence', rejection: 1 }).rows, 1)
      .acceptedAccuracy,
    null,
  );
  assert.throws(() => rejectionQueryTable(records, { model: 'm', rejection: 1.5 }), RangeError);
  assert.throws(() => rejectionQueryTable(records, { model: 'm', rejection: Number.NaN }), RangeError);
});
