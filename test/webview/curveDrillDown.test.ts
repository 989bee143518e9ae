/**
 * Drill-down from the Human in the Loop view in headless Chromium: a point of a model's
 * accuracy–rejection curve, chosen with the keyboard or clicked, lists that model's answers
 * (from the real worker job) with the share sent to the human equal to the point's rejection rate
 * and the accepted rows' accuracy equal to its A(r); a point of an "Ask" or "Fail Fast, or Ask"
 * error–rejection curve, chosen or clicked, lists its queries with the same two numbers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { humanInTheLoop } from '../../src/worker/jobs/humanInTheLoop';
import { curvePointQueries } from '../../src/worker/jobs/curvePointQueries';
import { failFastQueries } from '../../src/worker/jobs/failFastQueries';
import type { FailFastPointParams, HitlData, HitlSelection } from '../../src/protocol/humanInTheLoop';
import { formatShare } from '../../src/protocol/format';
import { realLog } from '../helpers/paths';
import { browserUnavailable, WebviewTestServer, type ViewHarness } from './harness';
import { jobCtx, waitForPosted, waitQueryCount } from './viewFixture';

const skip = browserUnavailable() ?? false;
const FILE = realLog('medmcqa-llama');

const waitCount = waitQueryCount;

describe('Human in the Loop drill-down (headless Chromium)', { skip }, () => {
  let server: WebviewTestServer;
  let analysed: { selection: HitlSelection; data: HitlData };

  before(async () => {
    server = await WebviewTestServer.start();
    analysed = await humanInTheLoop({ file: FILE, selection: null }, jobCtx);
  });
  after(async () => {
    await server?.close();
  });

  async function opened(): Promise<ViewHarness> {
    const h = await server.open('humanInTheLoop', { initialState: { file: FILE } });
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'analyse');
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: analysed } });
    await h.page.waitForSelector('#point-queries');
    return h;
  }

  async function answer(h: ViewHarness, after: number): Promise<{ model: string; split: string; rejection: number }> {
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'queryTable', after);
    const p = req.params as { model: string; split: string; rejection: number };
    const view = await curvePointQueries({ file: FILE, ...p }, jobCtx);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: view } });
    return p;
  }

  test('keyboard: a model, a rejection rate and Enter list its answers; the human’s share and the accepted accuracy are the curve point’s', async () => {
    const h = await opened();
    const curve = analysed.data.curves[1];
    const point = curve.curve[10];
    await h.page.evaluate(
      ({ model, r }) => {
        for (const [id, v] of [
          ['point-model', model],
          ['point-rejection', r],
        ]) {
          const dd = document.getElementById(id) as HTMLSelectElement;
          dd.value = v;
          dd.dispatchEvent(new Event('change'));
        }
      },
      { model: curve.model, r: String(point.rejection) },
    );
    const before = (await h.posted()).length;
    await h.page.focus('#point-queries');
    await h.page.keyboard.press('Enter');
    const asked = await answer(h, before);
    assert.deepEqual(asked, { model: curve.model, split: analysed.data.split, rejection: point.rejection });
    const text = await waitCount(h, /accuracy of the accepted/);
    assert.match(text, new RegExp(`^${curve.n.toLocaleString('en-US')} of ${curve.n.toLocaleString('en-US')} queries`));
    assert.match(text, new RegExp(`\\(rejection ${formatShare(point.rejection)}\\)`));
    assert.match(text, new RegExp(`accuracy of the accepted ${formatShare(point.accuracy)}`));
    // "Sent to the human" keeps the rejected rows: about r·n of them (ties at the cut may add a few).
    await h.page.evaluate(() => {
      const dd = document.getElementById('queries-filter') as HTMLSelectElement;
      dd.value = 'human';
      dd.dispatchEvent(new Event('change'));
    });
    const human = await waitCount(h, /^\d[\d,]* of /);
    const shown = Number(human.split(' of ')[0].replace(/,/g, ''));
    assert.ok(shown >= Math.floor(point.rejection * curve.n) && shown < curve.n, human);
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('a click on the accuracy–rejection chart lists the clicked curve at the clicked point', async () => {
    const h = await opened();
    const b = (await (await h.page.$('[data-chart="accuracy-rejection"] canvas'))!.boundingBox())!;
    const before = (await h.posted()).length;
    await h.page.mouse.click(b.x + b.width * 0.3, b.y + b.height * 0.5);
    const asked = await answer(h, before);
    const curve = analysed.data.curves.find((c) => c.model === asked.model);
    assert.ok(curve, 'a model of the chart');
    const point = curve.curve.find((p) => p.rejection === asked.rejection);
    assert.ok(point, 'a rejection rate of its curve');
    await waitCount(h, new RegExp(`accuracy of the accepted ${formatShare(point.accuracy)}`));
    assert.equal(await h.page.$eval('#point-model', (e) => (e as HTMLSelectElement).value), asked.model);
    assert.deepEqual(h.errors, []);
    await h.close();
  });
  async function answerSystem(h: ViewHarness, after: number): Promise<FailFastPointParams> {
    const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === 'failFastQueryTable', after);
    const { utilization, rejection, ...selection } = req.params as FailFastPointParams;
    const view = await failFastQueries({ file: FILE, selection, utilization, rejection }, jobCtx);
    await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result: view } });
    return req.params as FailFastPointParams;
  }

  test('Fail Fast, or Ask: a configuration, a rejection rate and Enter list its queries; the human’s share and accepted accuracy are the point’s', async () => {
    const h = await opened();
    const sys = analysed.data.system!;
    assert.ok(sys, 'the default selection pairs two models');
    const config = sys.configs.find((c) => c.utilization === 0.5)!;
    const point = config.curve[10];
    await h.page.evaluate(
      ({ u, r }) => {
        for (const [id, v] of [
          ['system-point-config', u],
          ['system-point-rejection', r],
        ]) {
          const dd = document.getElementById(id) as HTMLSelectElement;
          dd.value = v;
          dd.dispatchEvent(new Event('change'));
        }
      },
      { u: '0.5', r: String(point.rejection) },
    );
    const before = (await h.posted()).length;
    await h.page.focus('#system-point-queries');
    await h.page.keyboard.press('Enter');
    const asked = await answerSystem(h, before);
    assert.deepEqual(asked, {
      split: analysed.selection.split,
      fast: sys.fast,
      reasoning: sys.reasoning,
      fastSignal: analysed.selection.fastSignal,
      reasoningSignal: analysed.selection.reasoningSignal,
      utilization: 0.5,
      rejection: point.rejection,
    });
    const n = sys.n.toLocaleString('en-US');
    const text = await waitQueryCount(h, /accuracy of the accepted/, 'system-queries');
    assert.match(text, new RegExp(`^${n} of ${n} queries`));
    assert.match(text, new RegExp(`\\(rejection ${formatShare(point.rejection)}\\)`));
    assert.match(text, new RegExp(`accuracy of the accepted ${formatShare(point.accuracy)}`));
    // Half the queries go to the reasoning model at u = 50% (one may be shared at the edge).
    assert.match(text, new RegExp(`answered by ${sys.fast} \\d[\\d,]*, ${sys.reasoning} \\d`));
    assert.deepEqual(h.errors, []);
    await h.close();
  });

  test('a click on the error–rejection chart lists the clicked configuration at the clicked point', async () => {
    const h = await opened();
    const canvas = (await h.page.waitForSelector('[data-chart="error-rejection"] canvas'))!;
    await canvas.scrollIntoViewIfNeeded();
    // The chart draws once it is on screen: wait for its pixels.
    await h.page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-chart="error-rejection"] canvas');
      return c !== null && c.width > 0 && c.height > 0 && c.toDataURL().length > 5000;
    });
    const b = (await canvas.boundingBox())!;
    const before = (await h.posted()).length;
    await h.page.mouse.click(b.x + b.width * 0.5, b.y + b.height * 0.5);
    const asked = await answerSystem(h, before);
    const config = analysed.data.system!.configs.find((c) => Math.abs(c.utilization - asked.utilization) < 1e-9);
    assert.ok(config, 'a configuration of the chart');
    const point = config.curve.find((p) => p.rejection === asked.rejection);
    assert.ok(point, 'a rejection rate of its curve');
    await waitQueryCount(h, new RegExp(`accuracy of the accepted ${formatShare(point.accuracy)}`), 'system-queries');
    assert.equal(
      await h.page.$eval('#system-point-config', (e) => (e as HTMLSelectElement).value),
      String(asked.utilization),
    );
    assert.deepEqual(h.errors, []);
    await h.close();
  });
});
