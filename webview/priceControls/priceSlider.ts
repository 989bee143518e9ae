/**
 * A price input on a log scale: a range slider over decades (its leftmost position meaning $0
 * when zero is allowed) and a text field for an exact value. Both stay in sync; `onChange` fires
 * with the new price. Shared by the Economic Evaluation and Optimal-Model Map views.
 */
import { h } from '../ui/dom';
import * as ui from '../ui/toolkit';
import { positionOf, STEPS, valueAt } from './priceScale';

export interface PriceSliderSpec {
  id: string;
  label: string;
  /** Unit shown after the field, e.g. "$ per error". */
  unit: string;
  /** Slider range in decades: 10^minExp .. 10^maxExp. */
  minExp: number;
  maxExp: number;
  allowZero: boolean;
  /** Largest value the text field accepts (default: any finite number). */
  max?: number;
  value: number;
  /** A second line under the field (e.g. the hourly-wage equivalent). */
  note?: (value: number) => string;
  onChange(value: number): void;
}

export interface PriceSlider {
  element: HTMLElement;
  set(value: number): void;
  get(): number;
}

export function priceSlider(spec: PriceSliderSpec): PriceSlider {
  let value = spec.value;
  const range = h('input', {
    type: 'range',
    id: `${spec.id}-slider`,
    min: 0,
    max: STEPS,
    step: 1,
    value: positionOf(spec, value),
    'aria-label': `${spec.label} (log scale)`,
  }) as HTMLInputElement;
  const field = ui.textField({
    id: `${spec.id}-value`,
    value: String(value),
    size: 10,
    'aria-label': `${spec.label}, exact value`,
  });
  const error = h('span', { className: 'field-error', role: 'alert' });
  const note = h('span', { className: 'field-label' });
  const showNote = () => (note.textContent = spec.note ? spec.note(value) : '');
  const commit = (v: number) => {
    value = v;
    showNote();
    spec.onChange(v);
  };
  range.addEventListener('input', () => {
    const v = valueAt(spec, Number(range.value));
    field.value = String(v);
    error.textContent = '';
    commit(v);
  });
  field.addEventListener('change', () => {
    const v = Number(String(field.value).replace(/[$,\s]/g, ''));
    if (!Number.isFinite(v) || v < 0 || (!spec.allowZero && v === 0) || (spec.max !== undefined && v > spec.max)) {
      error.textContent = `Enter a number ${spec.allowZero ? '≥ 0' : '> 0'}${spec.max !== undefined ? ` and ≤ ${spec.max}` : ''}`;
      return;
    }
    error.textContent = '';
    range.value = String(positionOf(spec, v));
    commit(v);
  });
  showNote();
  const element = h(
    'div',
    { className: 'field price-field', 'data-price': spec.id },
    h('label', { className: 'field-label', for: `${spec.id}-slider` }, spec.label),
    range,
    field,
    h('span', { className: 'field-label' }, spec.unit),
    error,
    note,
  );
  return {
    element,
    get: () => value,
    set(v: number) {
      value = v;
      range.value = String(positionOf(spec, v));
      field.value = String(v);
      showNote();
    },
  };
}
