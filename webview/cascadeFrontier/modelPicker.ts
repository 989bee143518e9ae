/**
 * The cascade picker: every model of the log as a checkbox with "up" and "down" buttons. The
 * checked models, in the listed order, form the cascade. Each row is `[data-model="<name>"]` with
 * `[data-move="up"|"down"]` buttons; the list is `#models`.
 */
import { formatShare, formatUsdPerQuery } from '../../src/protocol/format';
import type { LogModel } from '../../src/protocol/cascadeFrontier';
import { h, replaceChildren } from '../ui/dom';
import * as ui from '../ui/toolkit';

export interface ModelPicker {
  element: HTMLElement;
  /** Shows `order` (all models) with `checked` ticked. */
  set(models: readonly LogModel[], order: readonly string[], checked: readonly string[]): void;
}

/** The "▲" / "▼" button of a model's row: moves it one place up (asked earlier) or down (asked later). */
function moveButton(name: string, dir: 'up' | 'down', disabled: boolean, onclick: () => void): HTMLElement {
  return ui.button(
    {
      appearance: 'icon',
      'data-move': dir,
      'aria-label': `Move ${name} ${dir}`,
      title: dir === 'up' ? 'Move up (asked earlier)' : 'Move down (asked later)',
      disabled,
      onclick,
    },
    dir === 'up' ? '▲' : '▼',
  );
}

/** `onChange(order, cascade)`: the new full order and the checked models in it. */
export function modelPicker(onChange: (order: string[], cascade: string[]) => void): ModelPicker {
  const list = h('ol', { id: 'models', className: 'model-list', 'aria-label': 'Models of the cascade, in order' });
  let models: readonly LogModel[] = [];
  let order: string[] = [];
  let checked = new Set<string>();
  const emit = () =>
    onChange(
      [...order],
      order.filter((m) => checked.has(m)),
    );
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j], order[i]];
    render();
    emit();
    (
      list.querySelector(
        `[data-model="${CSS.escape(order[j])}"] [data-move="${by < 0 ? 'up' : 'down'}"]`,
      ) as HTMLElement | null
    )?.focus();
  };
  const render = () => {
    const info = new Map(models.map((m) => [m.model, m]));
    replaceChildren(
      list,
      ...order.map((name, i) => {
        const m = info.get(name);
        const cb = ui.checkbox({ 'data-value': name, checked: checked.has(name) }, name);
        cb.addEventListener('change', () => {
          if (cb.checked) checked.add(name);
          else checked.delete(name);
          emit();
        });
        const cost = m?.meanCostUsd === null || m === undefined ? 'cost unknown' : formatUsdPerQuery(m.meanCostUsd);
        return h(
          'li',
          { className: 'model-row', 'data-model': name },
          cb,
          h(
            'span',
            { className: 'model-meta' },
            `${cost} · accuracy ${formatShare(m?.accuracy ?? null, 'all records')}`,
          ),
          moveButton(name, 'up', i === 0, () => move(i, -1)),
          moveButton(name, 'down', i === order.length - 1, () => move(i, 1)),
        );
      }),
    );
  };
  return {
    element: h(
      'div',
      { className: 'field model-field' },
      h('span', { className: 'field-label' }, 'Cascade (ticked models, asked top to bottom)'),
      list,
    ),
    set(ms, o, c) {
      models = ms;
      order = [...o];
      checked = new Set(c);
      render();
    },
  };
}
