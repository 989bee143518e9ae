/**
 * Paired-bootstrap intervals of the economic evaluation (rewardUncertainty) on the bundled MMLU
 * Llama log, checked against the ranking, against an independent re-implementation for one pair of
 * systems, for determinism and cancellation; the plain-words recommendation; ties and identical systems.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readEvalLog } from '../../../src/node/logs/readEvalLog';
import type { EvalRecord } from '../../../src/engines/logs/types';
import { prepareEconomics, type PreparedEconomics } from '../../../src/engines/economics/prepareEconomics';
import { evaluationReport } from '../../../src/engines/economics/evaluationReport';
import { rewardUncertainty, type RewardUncertainty } from '../../../src/engines/economics/rewardUncertainty';
import { recommendationText } from '../../../src/engines/economics/recommendationText';
import { Rng } from '../../../src/engines/numeric/rng';
import { uniformIndex } from '../../../src/engines/uncertainty/resample';
import { assertClose } from '../../helpers/assertClose';
import { realLog } from '../../helpers/paths';
import { rec } from './records';
import { formatSystemName } from '../../../src/protocol/format';

const PRICES = { error: 1, latency: 0.001, abstain: 0 };
let records: EvalRecord[];
let all: PreparedEconomics;
let models: PreparedEconomics;

before(async () => {
  records = (await readEvalLog(realLog('mmlu-llama'))).records;
  all = prepareEconomics(records);
  models = prepareEconomics(records, { set: 'models' });
});

/** The result without its wall-clock time (which differs between runs). */
const withoutTime = (u: RewardUncertainty): RewardUncertainty => ({ ...u, seconds: 0 });

test("every candidate in ranking order with the ranking's rewards; intervals ordered; same seed, same result (and fast)", (t) => {
  const cpu = process.cpuUsage();
  const u = rewardUncertainty(all, PRICES);
  const used = process.cpuUsage(cpu);
  t.diagnostic(
    `bootstrap of ${u.candidates.length} candidates × ${u.n_test} test queries × ${u.replicates} resamples: ${u.seconds.toFixed(3)} s wall, ${((used.user + used.system) / 1e6).toFixed(3)} s CPU`,
  );
  assert.ok(u.seconds < 10, `generous bound for a loaded machine: ${u.seconds} s`);
  const ranking = evaluationReport(all.candidates, all.metrics, PRICES).ranking;
  assert.deepEqual(
    u.candidates.map((c) => c.name),
    ranking.map((r) => r.name),
  );
  u.candidates.forEach((c, i) => {
    // Per-query losses averaged vs the precomputed means: the same sums in another order.
    assertClose(c.reward.value, ranking[i].reward, { abs: 1e-12 }, `${c.name} reward`);
    assertClose(c.cost.value, ranking[i].means.cost, { abs: 1e-15 }, `${c.name} cost`);
    assertClose(c.error.value, ranking[i].means.error, { abs: 1e-12 }, `${c.name} error`);
    for (const e of [c.reward, c.cost, c.error])
      assert.ok(e.ci_low <= e.ci_high && Number.isFinite(e.ci_low) && Number.isFinite(e.ci_high));
    assert.equal(c.vs_best === null, i === 0, 'only the best has no difference to itself');
  });
  assert.equal(u.strongest?.name, 'llama3.1-405b', 'the most accurate model on train');
  assert.equal(u.strongest_is_candidate, true);
  const pBest = u.candidates.reduce((s, c) => s + (c.p_best ?? 0), 0);
  assertClose(pBest, 1, { abs: 1e-12 }, 'one best per resample');
  assert.deepEqual(withoutTime(rewardUncertainty(all, PRICES)), withoutTime(u), 'same seed, same intervals');
  assert.notDeepEqual(
    withoutTime(rewardUncertainty(all, PRICES, { seed: 2 })).candidates[1].vs_best,
    u.candidates[1].vs_best,
    'another seed, other resamples',
  );
});

test('independent re-implementation for the two best single models: the same intervals and p-values from the same draws', () => {
  const seed = 7;
  const B = 2000;
  const u = rewardUncertainty(models, PRICES, { seed, replicates: B });
  const [best, second] = u.candidates;
  // Per-query losses straight from the records (cost + λ_L·latency + λ_E·wrong), in the engine's query order.
  const at = new Map<string, EvalRecord>();
  for (const r of records) if (r.split === 'test') at.set(`${r.model}\u0000${r.queryId}`, r);
  const lossOf = (model: string) =>
    models.test.queryIds.map((q) => {
      const r = at.get(`${model}\u0000${q}`)!;
      return (r.costUsd ?? 0) + PRICES.latency * (r.latencyS ?? 0) + PRICES.error * (r.correct ? 0 : 1);
    });
  const a = lossOf(best.name);
  const b = lossOf(second.name);
  const n = a.length;
  // The documented resampling: resample b draws uniformIndex(rng, n) n times from one Rng(seed) stream.
  const rng = new Rng(seed);
  const diffs: number[] = [];
  const rewards: number[] = [];
  for (let k = 0; k < B; k++) {
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < n; i++) {
      const j = uniformIndex(rng, n);
      sa += a[j];
      sb += b[j];
    }
    diffs.push(sb / n - sa / n);
    rewards.push(-sa / n);
  }
  const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
  const d = sorted(diffs);
  const r = sorted(rewards);
  const vs = second.vs_best!;
  // k = floor(0.025 · 2000) = 50: the 51st smallest and the 51st largest.
  assertClose(vs.ci_low, d[50], { abs: 1e-12 }, 'difference ci_low');
  assertClose(vs.ci_high, d[B - 51], { abs: 1e-12 }, 'difference ci_high');
  assertClose(best.reward.ci_low, r[50], { abs: 1e-12 }, 'reward ci_low');
  assertClose(best.reward.ci_high, r[B - 51], { abs: 1e-12 }, 'reward ci_high');
  const atMost = diffs.filter((x) => x <= 0).length;
  const atLeast = diffs.filter((x) => x >= 0).length;
  assert.equal(vs.p_value, Math.min(1, (2 * Math.min(atMost, atLeast)) / B));
  assert.equal(vs.p_better, diffs.filter((x) => x > 0).length / B);
  assertClose(
    vs.value,
    b.reduce((s, x) => s + x, 0) / n - a.reduce((s, x) => s + x, 0) / n,
    { abs: 1e-12 },
    'observed difference',
  );

  // An independent generator (Rng.int, another seed) agrees within Monte Carlo error: the endpoints
  // of 2,000 resamples move by about 4% of the half-width (two such estimates: 6%); allow 20%.
  const other = new Rng(99);
  const alt: number[] = [];
  for (let k = 0; k < B; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const j = other.int(n);
      s += b[j] - a[j];
    }
    alt.push(s / n);
  }
  const e = sorted(alt);
  const half = (vs.ci_high - vs.ci_low) / 2;
  assert.ok(
    Math.abs(e[50] - vs.ci_low) <= 0.2 * half && Math.abs(e[B - 51] - vs.ci_high) <= 0.2 * half,
    `independent draws: [${e[50]}, ${e[B - 51]}] vs [${vs.ci_low}, ${vs.ci_high}]`,
  );
});

test('the recommendation says what to deploy, with thresholds, cost per query, error, and the verdict its numbers support', () => {
  for (const error of [0.01, 1, 100]) {
    const u = rewardUncertainty(all, { error, latency: 0, abstain: 0 }, { replicates: 500 });
    const text = recommendationText(u);
    const [best, second] = u.candidates;
    assert.ok(text.headline.startsWith(`Deploy ${formatSystemName(best.name)}`), text.headline);
    assert.equal(text.system, best.name, 'the machine name, for the JSON');
    const vs = second.vs_best!;
    if (vs.verdict === 'better')
      assert.match(
        text.headline,
        new RegExp(
          `better than ${formatSystemName(second.name).replace(/[.>]/g, '\\$&')} with 95% confidence \\(p [<=] `,
        ),
      );
    else assert.match(text.headline, /statistically tied with|identical to/);
    if (best.kind === 'cascade') assert.match(text.how, /when .+ confidence is (below|above) /);
    assert.match(
      text.details[0],
      /^It costs \$[\d.]+ per query \(95% CI \$[\d.]+ to \$[\d.]+\) at an error rate of [\d.]+% \(95% CI/,
    );
    assert.match(
      text.details.join(' '),
      /Against always using llama3\.1-405b|is itself the most accurate single model/,
    );
    assert.match(text.details[text.details.length - 1], /500 resamples of the 1,531 test queries/);
  }
});

test('a difference on one query out of 40 is "statistically tied"; a copy of the best is "identical"; cancellation stops the bootstrap', () => {
  const rs: EvalRecord[] = [];
  for (const split of ['train', 'test'])
    for (let i = 0; i < 40; i++) {
      const right = i % 3 !== 0;
      rs.push(rec('a', `${split}-${i}`, split, right, 0.8, 0.001, 1));
      rs.push(rec('b', `${split}-${i}`, split, right, 0.8, i === 5 ? 0.002 : 0.001, 1));
      rs.push(rec('c', `${split}-${i}`, split, right, 0.8, 0.001, 1));
    }
  const prep = prepareEconomics(rs, { set: 'models' });
  const u = rewardUncertainty(prep, { error: 1 });
  assert.deepEqual(
    u.candidates.map((c) => c.name),
    ['a', 'c', 'b'],
  );
  const [, c, b] = u.candidates;
  assert.equal(c.vs_best!.identical, true);
  assert.equal(c.vs_best!.p_value, 1);
  assert.equal(c.vs_best!.verdict, 'tied');
  assert.equal(b.vs_best!.identical, false);
  assert.equal(
    b.vs_best!.verdict,
    'tied',
    'b is never better, but the one query where it costs more is left out of ~37% of resamples',
  );
  assert.match(recommendationText(u).headline, /^Deploy a: identical to c on every test query \(either will do\)\.$/);
  const ctl = new AbortController();
  ctl.abort(new Error('stop'));
  assert.throws(() => rewardUncertainty(all, PRICES, { signal: ctl.signal }), /stop/);
});
