/**
 * Small form helpers over the dropdown and checkbox controls (./toolkit): fill a dropdown with
 * options and a chosen value, read it back. Values are set as text (never HTML).
 */
import { h, replaceChildren } from './dom';
import * as ui from './toolkit';

export interface Choice {
  value: string;
  label: string;
}

/** A labelled dropdown; `onChange` gets the new value. */
export function dropdown(
  id: string,
  label: string,
  onChange: (value: string) => void,
): {
  element: HTMLElement;
  select: ui.ValueControl;
  set(choices: readonly Choice[], value: string): void;
  value(): string;
} {
  const select = ui.dropdown({ id, 'aria-label': label });
  select.addEventListener('change', () => onChange(select.value));
  return {
    element: h('div', { className: 'field' }, h('label', { for: id }, label), select),
    select,
    set(choices, value) {
      replaceChildren(select, ...choices.map((c) => ui.option(c.value, c.label, c.value === value)));
      select.value = value;
    },
    value: () => select.value,
  };
}

/** A row of checkboxes; `onChange` gets the checked values. */
export function checkboxes(
  id: string,
  label: string,
  onChange: (values: string[]) => void,
): { element: HTMLElement; set(choices: Choice[], checked: readonly string[]): void } {
  const box = h('div', { className: 'checks', id, role: 'group', 'aria-label': label });
  const read = () =>
    ui
      .checkboxesIn(box)
      .filter((c) => c.checked)
      .map((c) => c.getAttribute('data-value') ?? '');
  return {
    element: h('div', { className: 'field' }, h('span', { className: 'field-label' }, label), box),
    set(choices, checked) {
      replaceChildren(
        box,
        ...choices.map((c) => {
          const cb = ui.checkbox({ 'data-value': c.value, checked: checked.includes(c.value) }, c.label);
          cb.addEventListener('change', () => onChange(read()));
          return cb;
        }),
      );
    },
  };
}
