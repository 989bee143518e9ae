import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warmWhenShown, type ShowableView } from '../../src/host/engine/warmWhenShown';

/** A tree view whose visibility the test sets. */
function fakeView(visible: boolean): ShowableView & { show(v: boolean): void; listeners: number } {
  const listeners = new Set<(e: { visible: boolean }) => void>();
  const view = {
    visible,
    get listeners() {
      return listeners.size;
    },
    onDidChangeVisibility: (l: (e: { visible: boolean }) => void) => {
      listeners.add(l);
      return { dispose: () => void listeners.delete(l) };
    },
    show(v: boolean) {
      view.visible = v;
      for (const l of [...listeners]) l({ visible: v });
    },
  };
  return view;
}

test('warmWhenShown: nothing until the view first shows, then once', () => {
  const view = fakeView(false);
  let warmed = 0;
  const sub = warmWhenShown(view, () => warmed++);
  assert.equal(warmed, 0, 'activation alone starts nothing');
  view.show(false);
  assert.equal(warmed, 0);
  view.show(true);
  assert.equal(warmed, 1);
  view.show(false);
  view.show(true);
  assert.equal(warmed, 1, 'shown again: not again');
  assert.equal(view.listeners, 0, 'the listener is gone once it fired');
  sub.dispose();
});

test('warmWhenShown: a view already visible warms at once; disposing before it shows warms nothing', () => {
  let warmed = 0;
  warmWhenShown(fakeView(true), () => warmed++);
  assert.equal(warmed, 1);
  const hidden = fakeView(false);
  warmWhenShown(hidden, () => warmed++).dispose();
  hidden.show(true);
  assert.equal(warmed, 1);
});
