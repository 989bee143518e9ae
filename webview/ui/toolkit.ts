/**
 * The webview's controls, and the ONLY module that imports @vscode/webview-ui-toolkit or names one
 * of its tags (eslint.config.mjs enforces both). The toolkit is deprecated upstream; swapping it
 * for @vscode-elements/elements is a change to this file. Views build controls with the functions
 * below and find them with `controlSelector` / `controlsIn`; every control carries
 * `data-control="<kind>"`, the hook tests and stylesheets use instead of a tag name.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeLink,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import { h, type Attrs, type Child } from './dom';

/** The kinds of control a view can build. */
export type ControlKind = 'button' | 'checkbox' | 'dropdown' | 'link' | 'option' | 'progress-ring' | 'text-field';

/** A control holding text: a text field or a dropdown (`value` is the chosen option's value). */
export type ValueControl = HTMLElement & { value: string };
/** A checkbox. */
export type CheckControl = HTMLElement & { checked: boolean };

const TAGS: Readonly<Record<ControlKind, string>> = {
  button: 'vscode-button',
  checkbox: 'vscode-checkbox',
  dropdown: 'vscode-dropdown',
  link: 'vscode-link',
  option: 'vscode-option',
  'progress-ring': 'vscode-progress-ring',
  'text-field': 'vscode-text-field',
};

let registered = false;

/** Registers the toolkit's custom elements, once; every control function calls it. */
function register(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDropdown(),
    vsCodeLink(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeTextField(),
  );
}

function control(kind: ControlKind, attrs: Attrs, children: Child[]): HTMLElement {
  register();
  return h(TAGS[kind], { ...attrs, 'data-control': kind }, ...children);
}

/** A button (`appearance`: 'primary' by default, 'secondary' or 'icon'); `onclick` in `attrs`. */
export function button(attrs: Attrs, ...children: Child[]): HTMLElement {
  return control('button', attrs, children);
}

/**
 * Attributes of a control that shows no text of its own: `aria-label` is required, because the
 * toolkit passes it to the inner <input>/listbox that screen readers announce (a `<label for>`
 * names only the outer element, so the field would be read as a bare "Text field").
 */
export type LabelledAttrs = Attrs & { 'aria-label': string };

/** A one-line text field named `aria-label`; `value` reads and writes its text, `change` fires on commit. */
export function textField(attrs: LabelledAttrs): ValueControl {
  const field = control('text-field', attrs, []) as ValueControl;
  keepName(field, attrs['aria-label']);
  return field;
}

/**
 * The toolkit's text field, once connected, overwrites its aria-label with its slotted text or,
 * without any, with the placeholder "Text field" (what screen readers announced for every numeric
 * field); this puts the given name back whenever the placeholder replaces it.
 */
function keepName(el: HTMLElement, name: string): void {
  new MutationObserver(() => {
    if (el.getAttribute('aria-label') === 'Text field' && name !== 'Text field') el.setAttribute('aria-label', name);
  }).observe(el, { attributes: true, attributeFilter: ['aria-label'] });
}

/** A checkbox labelled `label`; `checked` reads and writes it, `change` fires on a toggle. */
export function checkbox(attrs: Attrs, label: string): CheckControl {
  return control('checkbox', attrs, [label]) as CheckControl;
}

/** A dropdown of `option`s named `aria-label`; `value` is the chosen option's value, `change` fires on a choice. */
export function dropdown(attrs: LabelledAttrs, ...options: Child[]): ValueControl {
  return control('dropdown', attrs, options) as ValueControl;
}

/** One choice of a `dropdown`, showing `label` (as text). */
export function option(value: string, label: string, selected: boolean): HTMLElement {
  return control('option', { value, selected }, [label]);
}

/** A link styled like VS Code's; give it `href: '#'` and an `onclick` for an in-view action. */
export function link(attrs: Attrs, ...children: Child[]): HTMLElement {
  return control('link', attrs, children);
}

/** The spinning ring shown while work runs. */
export function progressRing(): HTMLElement {
  return control('progress-ring', {}, []);
}

/** The CSS selector that matches the controls of one kind (for `querySelector`, tests, stylesheets). */
export function controlSelector(kind: ControlKind): string {
  return `[data-control="${kind}"]`;
}

/** The checkboxes under `root`, in document order. */
export function checkboxesIn(root: ParentNode): CheckControl[] {
  return [...root.querySelectorAll<HTMLElement>(controlSelector('checkbox'))] as CheckControl[];
}
