/**
 * The price-of-error worksheet (thesis section 3.3): four inputs, presets with their sources, the
 * Bayes estimate λ_E = E[cost | claim] · P(error | claim) · P(claim) / P(error), and a button that
 * puts the estimate into the price-of-error slider.
 */
import { priceOfError, type PriceOfErrorInputs } from '../../src/engines/economics/priceOfError';
import { PRICE_OF_ERROR_PRESETS } from '../../src/engines/economics/priceOfErrorPresets';
import { formatSig, formatUsd, roundSig } from '../../src/protocol/format';
import { h, replaceChildren } from '../ui/dom';
import { dropdown } from '../ui/selectControls';
import * as ui from '../ui/toolkit';

const FIELDS: { key: keyof PriceOfErrorInputs; label: string; help: string }[] = [
  { key: 'costPerClaim', label: 'E[cost | claim] ($)', help: 'Mean payout or loss when a claim is made' },
  { key: 'pErrorGivenClaim', label: 'P(error | claim)', help: 'Share of claims caused by a genuine error' },
  { key: 'pClaim', label: 'P(claim)', help: 'Claims per decision' },
  { key: 'pError', label: 'P(error)', help: 'Errors per decision' },
];

/** An input as shown: 6 significant digits (2/3 reads 0.666667; the exact preset value is used until edited). */
const shown = (x: number): string => String(roundSig(x, 6));

/**
 * One text field per input of the formula, showing `inputs`; `onInput` hears of every edit with the
 * number typed (`$`, commas and spaces dropped).
 */
function inputFields(
  inputs: PriceOfErrorInputs,
  onInput: (key: keyof PriceOfErrorInputs, value: number) => void,
): { f: (typeof FIELDS)[number]; field: ui.ValueControl }[] {
  return FIELDS.map((f) => {
    const field = ui.textField({
      id: `poe-${f.key}`,
      value: shown(inputs[f.key]),
      size: 12,
      title: f.help,
      'aria-label': f.label,
    });
    field.addEventListener('input', () => onInput(f.key, Number(String(field.value).replace(/[$,\s]/g, ''))));
    return { f, field };
  });
}

/** The worksheet card, opened on the preset `opts.preset`; `onPreset` hears of another preset, `onUse` of the estimate to use. */
export function priceOfErrorWorksheet(opts: {
  preset: string;
  onPreset(id: string): void;
  onUse(price: number): void;
}): HTMLElement {
  let inputs: PriceOfErrorInputs = {
    ...(PRICE_OF_ERROR_PRESETS.find((p) => p.id === opts.preset) ?? PRICE_OF_ERROR_PRESETS[0]).inputs,
  };
  const result = h('p', { className: 'headline', role: 'status', 'data-worksheet': 'result' });
  const basis = h('ul', { className: 'notes' });
  const fields = inputFields(inputs, (key, value) => {
    inputs = { ...inputs, [key]: value };
    show();
  });
  let estimate: number | null = null;
  const use = ui.button(
    {
      appearance: 'secondary',
      'data-worksheet': 'use',
      title: 'Set the price of error to this estimate',
      onclick: () => estimate !== null && opts.onUse(roundSig(estimate, 3)),
    },
    'Use as price of error',
  );
  const presetPick = dropdown('poe-preset', 'Preset', (id) => {
    const p = PRICE_OF_ERROR_PRESETS.find((x) => x.id === id);
    if (!p) return;
    inputs = { ...p.inputs };
    for (const { f, field } of fields) field.value = shown(inputs[f.key]);
    opts.onPreset(id);
    show();
  });
  presetPick.set(
    PRICE_OF_ERROR_PRESETS.map((p) => ({ value: p.id, label: p.label })),
    opts.preset,
  );
  function show(): void {
    const r = priceOfError(inputs);
    estimate = r.priceOfError;
    if (r.priceOfError === null) replaceChildren(result, r.warnings.join(' '));
    else
      replaceChildren(
        result,
        `λ_E ≈ ${formatUsd(r.priceOfError)} per error`,
        h('span', { className: 'field-label' }, `  (P(claim | error) = ${formatSig(r.pClaimGivenError, 3)})`),
      );
    use.toggleAttribute('disabled', estimate === null);
    const preset = PRICE_OF_ERROR_PRESETS.find((p) => p.id === presetPick.value());
    replaceChildren(
      basis,
      ...(preset ? [`A claim here is ${preset.claim}.`, ...preset.basis] : []).map((b) => h('li', {}, b)),
    );
  }
  show();
  return h(
    'section',
    { className: 'card', 'data-card': 'worksheet' },
    h('header', { className: 'card-header' }, h('h2', {}, 'Estimate your price of error')),
    h(
      'p',
      { className: 'field-label' },
      'λ_E = E[cost | claim] × P(error | claim) × P(claim) / P(error): the expected payout one error triggers (thesis §3.3).',
    ),
    h(
      'div',
      { className: 'controls' },
      presetPick.element,
      ...fields.map(({ f, field }) =>
        h('div', { className: 'field' }, h('label', { className: 'field-label', for: `poe-${f.key}` }, f.label), field),
      ),
    ),
    h('div', { className: 'toolbar' }, result, use),
    basis,
  );
}
