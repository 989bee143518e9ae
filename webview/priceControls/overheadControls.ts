/**
 * The router overhead inputs of the economics views (thesis eq. 3.9): c₀, the dollar cost, and
 * l₀, the seconds, of taking one routing decision, paid by a router on every query. Shown only
 * while routers are among the compared systems.
 */
import type { RouterOverhead } from '../../src/protocol/economicEvaluation';
import { formatUsd } from '../../src/protocol/format';
import { h } from '../ui/dom';
import { priceSlider } from './priceSlider';

/** The largest overhead the inputs accept (the request schema's bound). */
const MAX_OVERHEAD = 1e6;

export interface OverheadControls {
  element: HTMLElement;
  /** Shows the inputs when routers are compared, hides them otherwise. */
  showFor(routers: boolean): void;
}

/** Two inputs starting at `initial`; `onChange` gets the whole overhead after either changes. */
export function overheadControls(
  initial: RouterOverhead,
  onChange: (overhead: RouterOverhead) => void,
): OverheadControls {
  let overhead = { ...initial };
  const set = (part: Partial<RouterOverhead>): void => {
    overhead = { ...overhead, ...part };
    onChange(overhead);
  };
  const cost = priceSlider({
    id: 'router-cost',
    label: 'Router overhead c₀',
    unit: '$ per query',
    minExp: -6,
    maxExp: 0,
    allowZero: true,
    max: MAX_OVERHEAD,
    value: initial.cost,
    note: (v) => `= ${formatUsd(v * 1000)} per 1,000 routed queries`,
    onChange: (v) => set({ cost: v }),
  });
  const latency = priceSlider({
    id: 'router-latency',
    label: 'Router overhead l₀',
    unit: 'seconds per query',
    minExp: -3,
    maxExp: 1,
    allowZero: true,
    max: MAX_OVERHEAD,
    value: initial.latency,
    onChange: (v) => set({ latency: v }),
  });
  const element = h('div', { className: 'field', 'data-section': 'router-overhead' }, cost.element, latency.element);
  return {
    element,
    showFor(routers) {
      element.hidden = !routers;
    },
  };
}
