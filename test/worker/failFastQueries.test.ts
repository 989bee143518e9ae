/**
 * Drill-down into the "Ask" and "Fail Fast, or Ask" error–rejection curves (issue 14 item 2): the
 * failFastQueries job's rows, summed, give the humanInTheLoop job's curve point (accuracy of the
 * accepted, share sent to the human, mean cost and latency), on a synthetic log with a reasoning
 * model (output-token signal, many ties) and on a real log's two models (log-prob confidences).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowTotals } from '../../src/engines/drilldown/filterRows';
import { failFastQueries } from '../../src/worker/jobs/failFastQueries';
import { humanInTheLoop } from '../../src/worker/jobs/humanInTheLoop';
import type { HitlSelection } from '../../src/protocol/humanInTheLoop';
import type { JobContext } from '../../src/worker/workerProtocol';
import { assertClose } from '../helpers/assertClose';
import { realLog } from '../helpers/paths';
import { syntheticHitlRows, writeRows } from '../engines/abstention/syntheticHitlLog';

const ctx = (): JobContext => ({ signal: new AbortController().signal, progress: () => undefined });
// Sums of up to 1,531 shares in another order than the engine's prefix sums: equal to float rounding.
const TOL = { abs: 1e-12 };

/** Checks every configuration's points at a few rejection rates against the job's rows. */
async function checkPoints(file: string, selection: HitlSelection | null): Promise<number> {
  const { selection: sel, data } = await humanInTheLoop({ file, selection }, ctx());
  const sys = data.system!;
  assert.ok(sys, 'a Fail Fast, or Ask pair');
  let checked = 0;
  for (const config of sys.configs.filter((_, i) => i % 6 === 0)) {
    for (const point of [config.curve[0], config.curve[7], config.curve[config.curve.length - 1]]) {
      const view = await failFastQueries(
        {
          file,
          selection: { ...sel, fast: sys.fast, reasoning: sys.reasoning },
          utilization: config.utilization,
          rejection: point.rejection,
        },
        ctx(),
      );
      const what = `u = ${config.utilization}, r = ${point.rejection}`;
      assert.equal(view.rows.length, sys.n, what);
      assert.deepEqual(view.models, [sys.fast, sys.reasoning]);
      const t = rowTotals(view.rows, 2);
      assertClose(t.toHuman / t.n, point.rejection, TOL, `${what}: share sent to the human`);
      assertClose(t.acceptedAccuracy!, point.accuracy!, TOL, `${what}: accuracy of the accepted`);
      if (point.meanCostUsd !== null) assertClose(t.meanCostUsd!, point.meanCostUsd, TOL, `${what}: cost`);
      if (point.meanLatencyS !== null) assertClose(t.meanLatencyS!, point.meanLatencyS, TOL, `${what}: latency`);
      const passed = view.rows.filter((r) => r.answeredBy === 1).length;
      if (config.utilization === 0) assert.equal(passed, sys.n, 'Ask: the reasoning model sees every query');
      else assert.ok(Math.abs(passed - (1 - config.utilization) * sys.n) <= 1, `${what}: ${passed} passed`);
      assert.deepEqual(JSON.parse(JSON.stringify(view)), view, 'plain JSON');
      checked++;
    }
  }
  return checked;
}

test('failFastQueries job: on a synthetic log with a reasoning model, the rows sum to every curve point checked', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'ffq-')), 'r.jsonl');
  writeRows(file, syntheticHitlRows({ n: 600, seed: 5 }));
  assert.equal(await checkPoints(file, null), 12);
});

test('failFastQueries job: on a real log (two Llama models, test split), the rows sum to the curve points', async () => {
  const file = realLog('mmlu-llama');
  const first = await humanInTheLoop({ file, selection: null }, ctx());
  const selection = { ...first.selection, fast: 'llama3.2-1b', reasoning: 'llama3.1-405b', split: 'test' };
  assert.equal(await checkPoints(file, selection), 12);
});
