/**
 * The Risk Guarantee view's data in plain Node: the worker job on the real MMLU log against an
 * independent reference (raw JSONL + jstat Clopper–Pearson), its handling of saved selections, and
 * the chart config's stop annotation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { riskGuarantee } from '../../src/worker/jobs/riskGuarantee';
import type { GuaranteeSelection } from '../../src/protocol/riskGuarantee';
import { FALLBACK_THEME } from '../../webview/charts/chartTheme';
import { guaranteeBoundConfig, stopLabel, type GuaranteeBoundData } from '../../webview/charts/guaranteeBoundChart';
import { realLog } from '../helpers/paths';
import { rawAnswers, referenceBound, referenceThreshold } from '../engines/riskGuarantee/referenceGuarantee';
import { jobCtx } from './viewFixture';

const file = realLog('mmlu-llama');

test('worker job, defaults on MMLU: llama3.1-405b at α = δ = 0.1 gets the threshold an independent jstat computation certifies', async () => {
  const { selection, data } = await riskGuarantee({ file, selection: null }, jobCtx);
  assert.deepEqual(
    [selection.model, selection.method, selection.alpha, selection.delta],
    ['llama3.1-405b', 'fixed-sequence', 0.1, 0.1],
  );
  const raw = readFileSync(file, 'utf8');
  const cal = rawAnswers(raw, 'llama3.1-405b', 'train');
  const test = rawAnswers(raw, 'llama3.1-405b', 'test');
  const expected = referenceThreshold(cal, 0.1, 0.1, 'fixed-sequence');
  assert.ok(expected !== null, 'the reference certifies a threshold too');
  const g = data.single;
  assert.ok(g);
  assert.equal(g.threshold, expected);
  const accepted = cal.filter((a) => a.certainty >= expected);
  const errors = accepted.filter((a) => !a.correct).length;
  assert.equal(g.coverageCal, accepted.length / cal.length);
  assert.ok(Math.abs((g.upperBound as number) - referenceBound(errors, accepted.length, 0.1)) < 1e-7);
  const held = test.filter((a) => a.certainty >= expected);
  assert.equal(g.coverageTest, held.length / test.length);
  assert.equal(g.riskTest, held.filter((a) => !a.correct).length / held.length);
  assert.ok(
    g.coverageCal > 0.5 && (g.riskTest as number) <= 0.1,
    'non-trivial, and within α on the shipped test split',
  );
  assert.equal(g.exchangeability?.exchangeable, true);
});

test('worker job: a saved selection from before `method`, or with an α out of range, is repaired, not thrown on', async () => {
  const old = {
    model: 'llama3.1-405b',
    strong: null,
    signal: 'auto',
    alpha: 7,
    delta: 0.1,
    calSplit: 'train',
    testSplit: 'test',
  } as GuaranteeSelection;
  const { selection, data } = await riskGuarantee({ file, selection: old }, jobCtx);
  assert.equal(selection.method, 'fixed-sequence');
  assert.equal(selection.alpha, 0.1);
  assert.ok(data.single?.threshold !== null);
  const bad = await riskGuarantee({ file, selection: { ...old, alpha: 0.1, method: 'magic' as never } }, jobCtx);
  assert.equal(bad.selection.method, 'fixed-sequence');
});

test('chart: the failing test is marked with a cross and labelled with its errors and bound; tested points are drawn', () => {
  const data: GuaranteeBoundData = {
    alpha: 0.1,
    stages: [
      {
        label: 'm',
        chosenCoverage: 0.5,
        points: [0.1, 0.5, 0.6, 1].map((c) => ({ coverage: c, upperBound: c / 5, riskCal: null, riskTest: null })),
        tests: [
          { coverage: 0.2, upperBound: 0.08, passed: true },
          { coverage: 0.5, upperBound: 0.09, passed: true },
          { coverage: 0.6, upperBound: 0.12, passed: false },
        ],
        stop: { coverage: 0.6, upperBound: 0.12, accepted: 60, errors: 9 },
      },
    ],
  };
  const cfg = guaranteeBoundConfig(data, FALLBACK_THEME.dark);
  const sets = cfg.data.datasets as { label?: string; data: { x: number; y: number }[]; pointStyle?: string }[];
  const stop = sets.find((d) => d.label === 'scan stopped here');
  assert.deepEqual(stop?.data, [{ x: 0.6, y: 0.12 }]);
  assert.equal(stop?.pointStyle, 'crossRot');
  assert.deepEqual(sets.find((d) => d.label === 'm: tested, bound ≤ α')?.data, [
    { x: 0.2, y: 0.08 },
    { x: 0.5, y: 0.09 },
  ]);
  assert.equal(
    sets.find((d) => d.label === 'm: tested, bound > α'),
    undefined,
    'the stop is drawn once, as the cross',
  );
  assert.ok(
    (cfg.plugins ?? []).some((p) => p.id === 'crlPointLabels'),
    'the stop carries a text label',
  );
  assert.equal(stopLabel(data.stages[0].stop!, 0.1), 'scan stopped: 9 wrong of 60, bound 0.120 > α = 0.1');
  const none = guaranteeBoundConfig({ ...data, stages: [{ ...data.stages[0], stop: null }] }, FALLBACK_THEME.dark);
  assert.ok(!(none.data.datasets as { label?: string }[]).some((d) => d.label === 'scan stopped here'));
});
