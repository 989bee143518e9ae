import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { realLog } from '../helpers/paths';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    (s) => (out += s + '\n'),
    (s) => (err += s + '\n'),
  );
  return { code, out, err };
}

const CASCADE = 'llama3.2-3b,llama3.1-8b,llama3.1-70b';

test('costrisk tune --method all --json prints one object keyed by method, with the AUCs', async () => {
  const r = await cli(['tune', realLog('medmcqa-llama'), '--cascade', CASCADE, '--method', 'all', '--json']);
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out) as Record<
    string,
    { frontier: Record<string, unknown>[]; seconds: number; evaluations: number; lambdas: number | null }
  > & { auc: Record<string, number> };
  assert.deepEqual(Object.keys(o).sort(), [
    'advice',
    'auc',
    'auc_differences',
    'auc_intervals',
    'best_method',
    'bo',
    'grid',
    'intervals',
    'rt',
    'skipped',
    'suggested',
    'warnings',
  ]);
  for (const m of ['rt', 'grid', 'bo']) {
    assert.ok(o[m].frontier.length > 5);
    assert.ok(o[m].seconds >= 0);
    // The search effort is reported beside every result: grid 40² candidates, BO 4 per round.
    assert.ok(o[m].evaluations > 0 && Number.isInteger(o[m].evaluations), `${m} evaluations`);
    if (m === 'grid') assert.equal(o[m].evaluations, 1600);
    if (m === 'bo') assert.equal(o[m].evaluations % 4, 0);
    assert.equal(o[m].lambdas === null, m === 'grid');
    for (const p of o[m].frontier) {
      assert.deepEqual(Object.keys(p).sort(), [
        'expected_cost',
        'expected_error',
        'test_cost',
        'test_cost_ci_high',
        'test_cost_ci_low',
        'test_error',
        'test_error_ci_high',
        'test_error_ci_low',
        'thresholds',
      ]);
      assert.ok(
        (p.test_error_ci_low as number) <= (p.test_error as number) &&
          (p.test_error as number) <= (p.test_error_ci_high as number),
        'the test error lies in its interval',
      );
      assert.equal((p.thresholds as number[]).length, 2);
      // $ per query: these models cost 17–152 $ per million queries.
      assert.ok((p.test_cost as number) > 1e-5 && (p.test_cost as number) < 3e-4);
    }
    assert.ok(o.auc[m] > 0.3 && o.auc[m] < 0.5, `${m} AUC ${o.auc[m]}`);
  }
});

test('costrisk tune: one method, low-sample mode, and clear errors', async () => {
  const r = await cli([
    'tune',
    realLog('mmlu-llama'),
    '--cascade',
    CASCADE,
    '--low-sample',
    '30',
    '--seed',
    '2',
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(Object.keys(JSON.parse(r.out)), [
    'rt',
    'auc_intervals',
    'auc_differences',
    'best_method',
    'suggested',
    'intervals',
    'advice',
    'warnings',
    'skipped',
  ]);
  const none = await cli([
    'tune',
    realLog('mmlu-llama'),
    '--cascade',
    CASCADE,
    '--low-sample',
    '30',
    '--seed',
    '2',
    '--bootstrap',
    '0',
    '--json',
  ]);
  assert.deepEqual(
    Object.keys(JSON.parse(none.out)),
    ['rt', 'warnings', 'skipped'],
    '--bootstrap 0: no intervals, the keys of before',
  );
  assert.equal((await cli(['tune', realLog('mmlu-llama'), '--cascade', CASCADE, '--bootstrap', '-1'])).code, 2);
  const bad = await cli(['tune', realLog('mmlu-llama'), '--cascade', 'llama3.2-3b,nope', '--json']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /no records for model\(s\) nope/);
  assert.equal((await cli(['tune', realLog('mmlu-llama'), '--cascade', 'llama3.2-3b'])).code, 2);
  assert.equal((await cli(['tune', realLog('mmlu-llama'), '--cascade', CASCADE, '--method', 'magic'])).code, 2);
});

test('costrisk tune text output states the search effort next to each result', async () => {
  const r = await cli(['tune', realLog('mmlu-llama'), '--cascade', 'llama3.2-3b,llama3.1-70b', '--method', 'bo']);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /bo: \d+ frontier points in [\d.]+ s \(\d+ evaluations over \d+ values of λ\), test AUC 0\.\d{4}/,
  );
  assert.match(r.out, /the test cost range Rational Tuning and grid search share/);
});

test('costrisk calibrate --json: per model ECE with and without transform, coefficients, p-values', async () => {
  const r = await cli(['calibrate', realLog('mmlu-llama'), '--json']);
  assert.equal(r.code, 0, r.err);
  type Row = {
    model: string;
    ece_test: number;
    ece_test_untransformed: number;
    coefficients: { slope: number };
    p_values: { slope: number };
  };
  const o = JSON.parse(r.out) as { models: Row[] };
  assert.equal(o.models.length, 5);
  const byName = new Map(o.models.map((m) => [m.model, m]));
  // Table 2.2: llama3.1-70b on MMLU has test ECE 2.4% (tolerance as in the engine test: 0.1 points).
  assert.ok(Math.abs(100 * byName.get('llama3.1-70b')!.ece_test - 2.4) <= 0.1);
  for (const m of o.models) {
    assert.ok(m.coefficients.slope > 0 && m.p_values.slope < 1e-5);
    assert.ok(m.ece_test_untransformed > m.ece_test);
  }
});
