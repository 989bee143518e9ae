/**
 * Small form helpers over the toolkit's dropdown and checkbox elements: fill a dropdown with
 * options and a chosen value, read it back. Values are set as text (never HTML).
 */
import { h, replaceChildren } from './dom';

export interface Choice {
  value: string;
  label: string;
}

/** A labelled `<vscode-dropdown>`; `onChange` gets the new value. */
export function dropdown(id: string, label: string, onChange: (value: string) => void): { element: HTMLElement; select: HTMLElement; set(choices: readonly Choice[], value: string): void; value(): string } {
  const select = h('vscode-dropdown', { id, 'aria-label': label });
  select.addEventListener('change', () => onChange((select as HTMLSelectElement).value));
  return {
    element: h('div', { className: 'field' }, h('label', { for: id }, label), select),
    select,
    set(choices, value) {
      replaceChildren(select, ...choices.map((c) => h('vscode-option', { value: c.value, selected: c.value === value }, c.label)));
      (select as HTMLSelectElement).value = value;
    },
    value: () => (select as HTMLSelectElement).value,
  };
}

/** A row of `<vscode-checkbox>`es; `onChange` gets the checked values. */
export function checkboxes(id: string, label: string, onChange: (values: string[]) => void): { element: HTMLElement; set(choices: Choice[], checked: readonly string[]): void } {
  const box = h('div', { className: 'checks', id, role: 'group', 'aria-label': label });
  const read = () => [...box.querySelectorAll('vscode-checkbox')].filter((c) => (c as HTMLInputElement).checked).map((c) => c.getAttribute('data-value') ?? '');
  return {
    element: h('div', { className: 'field' }, h('span', { className: 'field-label' }, label), box),
    set(choices, checked) {
      replaceChildren(
        box,
        ...choices.map((c) => {
          const cb = h('vscode-checkbox', { 'data-value': c.value, checked: checked.includes(c.value) }, c.label);
          cb.addEventListener('change', () => onChange(read()));
          return cb;
        }),
      );
    },
  };
}
