/**
 * Uncertain prices (thesis eq. 3.15): per price, a fixed value or a distribution (log-uniform,
 * log-normal, discrete scenarios); "Compute" asks the worker for each system's expected reward
 * and its probability of being the best.
 */
import type { PriceDistribution } from '../../src/engines/economics/priceDistributions';
import type { UncertainPrices, UncertainRewardResult } from '../../src/protocol/economicEvaluation';
import { formatShare } from '../../src/protocol/format';
import { h } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import { dropdown } from '../ui/selectControls';
import { TableCard } from '../ui/tableCard';
import { formatReward, formatSystemName } from '../../src/protocol/format';
import * as ui from '../ui/toolkit';
import { parseDistribution } from './distributionText';

type Kind = PriceDistribution['kind'];
const KINDS = [
  { value: 'fixed', label: 'fixed (current value)' },
  { value: 'logUniform', label: 'log-uniform' },
  { value: 'logNormal', label: 'log-normal' },
  { value: 'discrete', label: 'scenarios' },
];

interface Row {
  name: string;
  expected: number;
  probBest: number;
}

const HINT: Record<Kind, string> = {
  fixed: '',
  logUniform: 'min, max',
  logNormal: 'median, σ of ln',
  discrete: 'value:prob, ...',
};

/** The prices that can be given as distributions: their default kind and parameters, and the factor to $ per unit. */
const PRICES = [
  { key: 'error', label: 'λ_E ($ per error)', def: 'logUniform', text: '0.01, 1000', scale: 1 },
  { key: 'latency', label: 'λ_L ($ per minute)', def: 'fixed', text: '0.1, 10', scale: 1 / 60 },
  { key: 'abstain', label: 'λ_A ($ per abstention)', def: 'fixed', text: '0.1, 10', scale: 1 },
] as const;

/** One price's controls: the kind of distribution (`#unc-<key>-kind`) and its parameters (`#unc-<key>-params`). */
interface PriceInput {
  r: (typeof PRICES)[number];
  pick: ReturnType<typeof dropdown>;
  text: ui.ValueControl;
}

/** A price's kind picker and parameter field; the field is disabled while the kind is "fixed". */
function priceInput(r: PriceInput['r']): PriceInput {
  const text = ui.textField({
    id: `unc-${r.key}-params`,
    value: r.text,
    size: 16,
    placeholder: HINT[r.def],
    'aria-label': `${r.label}: distribution parameters`,
  });
  const pick = dropdown(`unc-${r.key}-kind`, r.label, (v) => {
    text.setAttribute('placeholder', HINT[v as Kind]);
    text.toggleAttribute('disabled', v === 'fixed');
  });
  pick.set(KINDS, r.def);
  text.toggleAttribute('disabled', r.def === 'fixed');
  return { r, pick, text };
}

/** The result: each system's expected reward and probability of being the best. */
function uncertainTable(exportFile: ExportFn, stem: () => string): TableCard<Row> {
  return new TableCard<Row>(
    {
      id: 'uncertain',
      title: 'Expected reward under uncertain prices',
      fileStem: () => stem(),
      columns: [
        { id: 'system', title: 'System', value: (r) => r.name, format: (r) => formatSystemName(r.name) },
        {
          id: 'expected_reward_usd',
          title: 'E[reward]',
          help: 'Expected reward per query averaged over the price distributions (eq. 3.15)',
          numeric: true,
          value: (r) => r.expected,
          format: (r) => formatReward(r.expected),
        },
        {
          id: 'probability_best',
          title: 'P(best)',
          help: 'Probability that this system is the optimum at a random draw of the prices',
          numeric: true,
          value: (r) => r.probBest,
          format: (r) => formatShare(r.probBest),
        },
      ],
    },
    exportFile,
  );
}

/** The card around the price controls `form`: title and what the distributions do. */
function uncertainSection(form: HTMLElement): HTMLElement {
  return h(
    'section',
    { className: 'card', 'data-card': 'uncertain' },
    h('header', { className: 'card-header' }, h('h2', {}, 'Uncertain prices')),
    h(
      'p',
      { className: 'field-label' },
      'Give a price as a distribution when you cannot pin it down; each system is re-tuned at every price and its reward averaged (thesis eq. 3.15). "Fixed" uses the slider value.',
    ),
    form,
  );
}

/**
 * The "Uncertain prices" card and, once computed, its result table. `prices()` are the sliders'
 * values (what "fixed" means); `compute` asks the worker.
 */
export function uncertaintyCard(opts: {
  prices: () => { error: number; latency: number; abstain: number };
  compute(d: UncertainPrices): Promise<UncertainRewardResult & { names: string[] }>;
  exportFile: ExportFn;
  stem: () => string;
}): HTMLElement {
  const status = h('span', { className: 'field-error', role: 'alert' });
  const table = uncertainTable(opts.exportFile, opts.stem);
  table.element.hidden = true;
  const inputs = PRICES.map(priceInput);
  const button = ui.button({ 'data-action': 'uncertain', onclick: () => void run() }, 'Compute');
  async function run(): Promise<void> {
    const current = opts.prices();
    let dist: UncertainPrices;
    try {
      dist = Object.fromEntries(
        inputs.map(({ r, pick, text }) => [
          r.key,
          parseDistribution(pick.value() as Kind, String(text.value), current[r.key], r.scale),
        ]),
      );
    } catch (err) {
      status.textContent = (err as Error).message;
      return;
    }
    status.textContent = '';
    button.setAttribute('disabled', '');
    try {
      const res = await opts.compute(dist);
      table.update(
        res.names
          .map((name, k) => ({ name, expected: res.expected[k], probBest: res.probBest[k] }))
          .sort((a, b) => b.expected - a.expected),
      );
      table.element.hidden = false;
    } catch (err) {
      status.textContent = (err as Error).message;
    } finally {
      button.removeAttribute('disabled');
    }
  }
  const form = h(
    'div',
    { className: 'controls' },
    ...inputs.map(({ pick, text }) => h('div', { className: 'field' }, pick.element, text)),
    button,
    status,
  );
  return h('div', {}, uncertainSection(form), table.element);
}
