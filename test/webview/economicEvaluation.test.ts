import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { econData, type EconDataResult } from '../../src/worker/jobs/econData';
import { econBootstrap } from '../../src/worker/jobs/econBootstrap';
import { recommendationText } from '../../src/engines/economics/recommendationText';
import { candidateFromData } from '../../src/engines/economics/candidateData';
import { evaluationReport } from '../../src/engines/economics/evaluationReport';
import { formatSeconds, formatSystemName, formatUsd } from '../../src/protocol/format';
import { realLog } from '../helpers/paths';
import {
  browserUnavailable,
  nonBackgroundPixels,
  WebviewTestServer,
  type PostedMessage,
  type ViewHarness,
} from './harness';
import { jobCtx, tableCells, waitForPosted as waitFor } from './viewFixture';
import { accessibilityProblems } from './accessibility';

const skip = browserUnavailable() ?? false;
/** These views answer within 5 s (100 polls of 50 ms). */
const waitForPosted = (h: ViewHarness, pred: (m: PostedMessage) => boolean): Promise<PostedMessage> =>
  waitFor(h, pred, 0, 100);

/** The recommendation the engine makes for the same data and prices (models + cascades, as the view's default). */
/** The best system at these prices, named as the view shows it ("a → b"). */
function expectedBest(d: EconDataResult, prices: { error: number; latency: number; abstain: number }): string {
  const cands = d.data.candidates.filter((c) => c.kind === 'model' || c.kind === 'cascade').map(candidateFromData);
  return formatSystemName(evaluationReport(cands, d.data.metrics, prices).ranking[0].name);
}

describe('Economic Evaluation webview (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let mmlu: EconDataResult;

  before(async () => {
    server = await WebviewTestServer.start();
    // What the host asks for (econSourceParams): every kind, the view filters.
    mmlu = await econData({ file: realLog('mmlu-llama'), abstention: true, routers: true }, jobCtx);
  });
  after(async () => {
    await server?.close();
  });

  test('renders the recommendation, charts and tables from a real log; sliders re-evaluate', async () => {
    const h = await server.open('economicEvaluation', { initialState: { file: mmlu.file } });
    const first = await waitForPosted(h, () => true);
    assert.equal(first.type, 'ready');
    await h.send({ type: 'notification', name: 'data', payload: mmlu });
    await h.page.waitForSelector('[data-recommended] strong');
    // Default prices: λ_E = $1, λ_L = 0, λ_A = 0.
    assert.equal(
      await h.page.textContent('[data-recommended] strong'),
      expectedBest(mmlu, { error: 1, latency: 0, abstain: 0 }),
    );
    for (const chart of ['reward-curves', 'pareto', 'reward-breakdown', 'cer', 'decomposition', 'cost-latency']) {
      const px = await nonBackgroundPixels(h.page, `[data-chart="${chart}"] canvas`, '#1e1e1e');
      assert.ok(px.differing > 1500, `${chart} drawn (${px.differing} pixels differ from the background)`);
    }
    const ranked = await h.page.$$eval('[data-table="ranking"] tbody tr', (trs) => trs.length);
    assert.equal(
      ranked,
      16,
      '5 models, 10 two-model cascades, the 5-model chain (abstention and routers off by default)',
    );
    const sens = await h.page.$$eval('[data-table="sensitivity"] tbody tr', (trs) => trs.length);
    assert.equal(sens, 9, 'one row per decade of λ_E from $0.0001 to $10,000');

    // λ_E slider to its far left ($0.0001): cheap single models win.
    await h.page.evaluate(() => {
      const r = document.getElementById('price-error-slider') as HTMLInputElement;
      r.value = '0';
      r.dispatchEvent(new Event('input'));
    });
    const low = expectedBest(mmlu, { error: 1e-4, latency: 0, abstain: 0 });
    await h.page.waitForFunction(
      (name) => document.querySelector('[data-recommended] strong')?.textContent === name,
      low,
    );
    assert.equal(((await h.savedState()) as { priceError: number }).priceError, 0.0001);

    // λ_L typed as $10 per minute is stored per second.
    await h.page.evaluate(() => {
      const f = document.getElementById('price-latency-value') as HTMLInputElement;
      f.value = '10';
      f.dispatchEvent(new Event('change'));
    });
    await h.page.waitForFunction(() =>
      /a wage of \$600\/hour/.test(document.querySelector('[data-price="price-latency"]')?.textContent ?? ''),
    );
    assert.equal(((await h.savedState()) as { priceLatency: number }).priceLatency, 10 / 60);
    assert.deepEqual(await h.cspViolations(), []);
    assert.deepEqual(await accessibilityProblems(h), [], 'every control named; every chart an image with a data table');
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('price-of-error worksheet: the medical preset gives ≈ $333 and sets λ_E', async () => {
    const h = await server.open('economicEvaluation', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'data', payload: mmlu });
    await h.page.waitForSelector('[data-worksheet="result"]');
    assert.match((await h.page.textContent('[data-worksheet="result"]')) ?? '', /λ_E ≈ \$333\.33 per error/);
    await h.page.click('[data-worksheet="use"]');
    await h.page.waitForFunction(
      () => (document.getElementById('price-error-value') as HTMLInputElement).value === '333',
    );
    assert.equal(((await h.savedState()) as { priceError: number }).priceError, 333);
    await h.page.waitForFunction(
      (name) => document.querySelector('[data-recommended] strong')?.textContent === name,
      expectedBest(mmlu, { error: 333, latency: 0, abstain: 0 }),
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('uncertain prices: Compute sends the distributions and shows the reply', async () => {
    const h = await server.open('economicEvaluation', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'data', payload: mmlu });
    await h.page.waitForSelector('[data-action="uncertain"]');
    await h.page.click('[data-action="uncertain"]');
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'uncertain');
    const params = req.params as {
      distributions: Record<string, { kind: string; min?: number; max?: number; value?: number }>;
    };
    assert.deepEqual(params.distributions.error, { kind: 'logUniform', min: 0.01, max: 1000 });
    assert.deepEqual(params.distributions.latency, { kind: 'fixed', value: 0 });
    await h.send({
      type: 'reply',
      requestId: req.requestId,
      reply: {
        ok: true,
        result: {
          expected: [-0.2, -0.1],
          standardError: [null, null],
          best: 1,
          probBest: [0.25, 0.75],
          nodes: 100,
          names: ['a', 'b'],
        },
      },
    });
    await h.page.waitForSelector('[data-table="uncertain"] tbody tr');
    const rows = await h.page.$$eval('[data-table="uncertain"] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    assert.deepEqual(rows, [
      ['b', '−$0.1', '0.750'],
      ['a', '−$0.2', '0.250'],
    ]);
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('the recommendation sentence with its 95% interval: asked from the worker once the prices settle, newest setting wins', async () => {
    const h = await server.open('economicEvaluation', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'data', payload: mmlu });
    await h.page.waitForSelector('[data-recommended] strong');
    assert.match((await h.page.textContent('[data-recommendation-ci]')) ?? '', /Computing 95% confidence intervals/);
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'bootstrap');
    const params = req.params as {
      prices: { error: number; latency: number; abstain: number };
      kinds: { models: boolean; cascades: boolean; abstention: boolean; routers: boolean };
      overhead: { cost: number; latency: number };
    };
    assert.deepEqual(params, {
      prices: { error: 1, latency: 0, abstain: 0 },
      kinds: { models: true, cascades: true, abstention: false, routers: false },
      overhead: { cost: 0, latency: 0 },
    });
    // The host runs the real worker job on the same prepared log.
    const result = await econBootstrap({ file: mmlu.file, abstention: true, routers: true, ...params }, jobCtx);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result } });
    const text = recommendationText(result);
    await h.page.waitForFunction(
      (want) => document.querySelector('[data-recommended]')?.textContent === want,
      text.headline,
    );
    const sure = (await h.page.textContent('[data-recommendation-ci]')) ?? '';
    assert.ok(sure.includes(text.details[0]), 'cost per query and error rate with their intervals');
    assert.match(sure, /Runner-up .+ per query behind \(95% CI −?\$[\d.e-]+ to −?\$[\d.e-]+\)/);
    assert.match(sure, /2,000 resamples of the 1,531 test queries/);
    // The ranking shows each system's interval and its verdict against the best.
    const rows = await tableCells(h, '[data-table="ranking"] tbody tr');
    const header = await h.page.$$eval('[data-table="ranking"] thead th', (ths) =>
      ths.map((th) => th.textContent ?? ''),
    );
    const verdictCol = header.findIndex((x) => x.startsWith('Against the best'));
    assert.ok(verdictCol > 0);
    assert.equal(rows[0][verdictCol], 'recommended');
    assert.ok(
      rows
        .slice(1)
        .every((r) => /^(worse \(95% confidence, p [<=] [\d.]+\)|tied \(p = [\d.]+\)|identical)$/.test(r[verdictCol])),
      JSON.stringify(rows.map((r) => r[verdictCol])),
    );
    // A new price: the old intervals are not shown against it; a new request goes out.
    const before = (await h.posted()).length;
    await h.page.evaluate(() => {
      const r = document.getElementById('price-error-slider') as HTMLInputElement;
      r.value = '0';
      r.dispatchEvent(new Event('input'));
    });
    const next = await waitFor(h, (m) => m.type === 'request' && m.method === 'bootstrap', before, 100);
    assert.equal((next.params as typeof params).prices.error, 0.0001);
    assert.match((await h.page.textContent('[data-recommendation-ci]')) ?? '', /Computing 95% confidence intervals/);
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test("routers: ticking them shows the overhead inputs; c₀ and l₀ move every router's cost and latency, and go to the worker", async () => {
    const h = await server.open('economicEvaluation', { initialState: { file: mmlu.file } });
    await waitForPosted(h, (m) => m.type === 'ready');
    await h.send({ type: 'notification', name: 'data', payload: mmlu });
    await h.page.waitForSelector('[data-recommended] strong');
    // One bootstrap runs at a time: answer the first so the view can ask again.
    const first = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'bootstrap');
    await h.send({ type: 'reply', requestId: first.requestId, reply: { ok: false, error: 'not under test here' } });
    assert.equal(
      await h.page.isVisible('[data-section="router-overhead"]'),
      false,
      'no overhead inputs while routers are not compared',
    );
    await h.page.click('[data-control="checkbox"][data-value="routers"]');
    await h.page.waitForFunction(() => document.querySelectorAll('[data-table="ranking"] tbody tr').length === 38);
    assert.equal(await h.page.isVisible('[data-section="router-overhead"]'), true);
    const costOf = async (name: string): Promise<[string, string]> => {
      const rows = await tableCells(h, '[data-table="ranking"] tbody tr');
      const header = await h.page.$$eval('[data-table="ranking"] thead th', (ths) =>
        ths.map((th) => th.textContent ?? ''),
      );
      const row = rows.find((r) => r[0] === formatSystemName(name));
      assert.ok(row, name);
      assert.equal(row[header.indexOf('Kind')], 'router');
      return [row[header.indexOf('Cost')], row[header.indexOf('Latency')]];
    };
    const name = 'router(llama3.2-1b|llama3.1-405b)';
    // At λ_E = $1, λ_L = λ_A = 0 the router's θ*(λ) does not move with a constant overhead: its cost and latency move by c₀ and l₀.
    const cands = mmlu.data.candidates.filter((c) => c.kind === 'router').map(candidateFromData);
    const plain = evaluationReport(cands, mmlu.data.metrics, { error: 1, latency: 0, abstain: 0 }).ranking.find(
      (r) => r.name === name,
    )!;
    const [cost0, lat0] = await costOf(name);
    assert.equal(cost0, formatUsd(plain.means.cost));
    assert.equal(lat0, formatSeconds(plain.means.latency));
    for (const [id, value] of [
      ['router-cost-value', '0.5'],
      ['router-latency-value', '2'],
    ])
      await h.page.evaluate(
        ([i, v]) => {
          const f = document.getElementById(i) as HTMLInputElement;
          f.value = v;
          f.dispatchEvent(new Event('change'));
        },
        [id, value],
      );
    await h.page.waitForFunction(
      ([n, want]) =>
        [...document.querySelectorAll('[data-table="ranking"] tbody tr')].some(
          (tr) => tr.querySelector('td')?.textContent === n && tr.textContent?.includes(want),
        ),
      [formatSystemName(name), formatUsd(plain.means.cost + 0.5)],
    );
    const [cost1, lat1] = await costOf(name);
    assert.equal(cost1, formatUsd(plain.means.cost + 0.5));
    assert.equal(lat1, formatSeconds(plain.means.latency + 2));
    assert.deepEqual(((await h.savedState()) as { overhead: unknown }).overhead, { cost: 0.5, latency: 2 });
    // Each older request still in flight is answered (with a failure the view keeps to its own setting) until the new overhead goes out.
    const answered = new Set([first.requestId]);
    let req: PostedMessage | undefined;
    for (let tries = 0; !req && tries < 100; tries++) {
      const boots = (await h.posted()).filter((m) => m.type === 'request' && m.method === 'bootstrap');
      req = boots.find((m) => (m.params as { overhead: { latency: number } }).overhead.latency === 2);
      for (const m of boots)
        if (!answered.has(m.requestId) && m.requestId !== req?.requestId) {
          answered.add(m.requestId);
          await h.send({ type: 'reply', requestId: m.requestId, reply: { ok: false, error: 'not under test here' } });
        }
      if (!req) await h.page.waitForTimeout(50);
    }
    assert.ok(req, 'a bootstrap request with the new overhead');
    assert.deepEqual(req.params, {
      prices: { error: 1, latency: 0, abstain: 0 },
      kinds: { models: true, cascades: true, abstention: false, routers: true },
      overhead: { cost: 0.5, latency: 2 },
    });
    // A negative overhead is refused in the field, nothing is sent.
    await h.page.evaluate(() => {
      const f = document.getElementById('router-cost-value') as HTMLInputElement;
      f.value = '-1';
      f.dispatchEvent(new Event('change'));
    });
    await h.page.waitForFunction(() =>
      /Enter a number ≥ 0/.test(document.querySelector('[data-price="router-cost"]')?.textContent ?? ''),
    );
    assert.deepEqual(((await h.savedState()) as { overhead: unknown }).overhead, { cost: 0.5, latency: 2 });
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
