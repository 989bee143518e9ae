import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rewardBreakdownConfig } from '../../../webview/charts/rewardBreakdownChart';
import { wrapLabel, WRAP_BELOW_PX } from '../../../webview/charts/wrapLabel';
import { formatSystemName } from '../../../src/protocol/format';

test('wrapLabel breaks system names after their break points, never inside a model name', () => {
  assert.deepEqual(wrapLabel('llama3.2-1b → llama3.1-8b → llama3.1-405b'), [
    'llama3.2-1b →',
    'llama3.1-8b →',
    'llama3.1-405b',
  ]);
  assert.deepEqual(wrapLabel(formatSystemName('router(gpt-4o-mini|gpt-4o)+abstain')), [
    'router(gpt-4o-mini,',
    'gpt-4o) + abstain',
  ]);
  assert.deepEqual(wrapLabel('a → b'), ['a → b'], 'short names stay on one line');
  assert.deepEqual(wrapLabel('qwen2.5-72b-instruct-long-name → b'), ['qwen2.5-72b-instruct-long-name →', 'b']);
});

test('wrapLabel keeps every character and in order, and lines are short unless one part is long', () => {
  const part = fc.stringMatching(/^[a-z0-9.-]{1,30}$/);
  fc.assert(
    fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), fc.constantFrom(' → ', ', ', ' + '), (names, sep) => {
      const label = names.join(sep);
      const lines = wrapLabel(label);
      assert.equal(lines.join(' ').replace(/\s+/g, ' '), label.replace(/\s+/g, ' '));
      for (const l of lines) {
        const long = names.some((n) => l.includes(n) && n.length + sep.length > 18);
        assert.ok(l.length <= 18 || long || !/ → |, | \+ /.test(l), `line "${l}" of "${label}"`);
      }
    }),
  );
});

test('the reward-breakdown chart names systems as people read them and wraps them only when narrow', () => {
  const theme = { background: '#1e1e1e', foreground: '#ccc', grid: '#444', series: ['#f00'] } as never;
  const cfg = rewardBreakdownConfig(
    { rows: [{ name: 'llama3.2-1b>llama3.1-405b', breakdown: { cost: 1, latency: 0, error: 0, abstain: 0 } }] },
    theme,
  );
  assert.deepEqual(cfg.data.labels, ['llama3.2-1b → llama3.1-405b']);
  const tick = (cfg.options?.scales?.y?.ticks as { callback: (this: unknown, v: number) => unknown }).callback;
  const scale = (width: number) => ({ chart: { width }, getLabelForValue: () => 'llama3.2-1b → llama3.1-405b' });
  assert.deepEqual(tick.call(scale(WRAP_BELOW_PX - 1), 0), ['llama3.2-1b →', 'llama3.1-405b']);
  assert.equal(tick.call(scale(1200), 0), 'llama3.2-1b → llama3.1-405b');
});
