/**
 * Two parts of the Frontier tab with state of their own: the method advice (which method and
 * point to use: a headline above the chart, the details and "Use the suggested point" below it)
 * and the export buttons (the chosen point as a deployable config, every frontier point as JSON).
 */
import type { MethodAdvice } from '../../src/engines/tuning/methodAdvice';
import type { CascadeSelection, TuneCascadeResult } from '../../src/protocol/cascadeFrontier';
import type { PointRef } from '../charts/cascadeFrontierChart';
import { h, replaceChildren } from '../ui/dom';
import { runExport, type ExportFn } from '../ui/exporter';
import * as ui from '../ui/toolkit';
import { deployableConfig, frontierJson } from './deployableConfig';

/** `#frontier-advice` (above the chart) and `#frontier-advice-details` with `#use-suggested` (below it). */
export function adviceBox(onUseSuggested: () => void): {
  above: HTMLElement;
  below: HTMLElement;
  /** Shows the advice (null: hides both parts); `suggested`: whether a suggested point can be chosen. */
  show(advice: MethodAdvice | null, suggested: boolean): void;
} {
  const head = h('p', { className: 'headline' });
  const list = h('ul', { className: 'notes' });
  const use: HTMLElement = ui.button(
    {
      id: 'use-suggested',
      appearance: 'secondary',
      title: 'Choose the suggested operating point',
      onclick: onUseSuggested,
    },
    'Use the suggested point',
  );
  // The toolkit's button sets its own display, so the wrapper is what hides.
  const useWrap = h('div', { className: 'controls', hidden: true }, use);
  const above = h('div', { id: 'frontier-advice', hidden: true }, head);
  const below = h('div', { id: 'frontier-advice-details', hidden: true }, list, useWrap);
  return {
    above,
    below,
    show(advice, suggested) {
      above.hidden = below.hidden = advice === null;
      replaceChildren(head, advice?.headline ?? '');
      replaceChildren(list, ...(advice?.details ?? []).map((d) => h('li', {}, d)));
      useWrap.hidden = !suggested;
    },
  };
}

/** What the exports need: the result on screen, its selection, the chosen point (null: nothing tuned yet). */
type ExportState = { result: TuneCascadeResult; selection: CascadeSelection; picked: PointRef | null } | null;

/** `#export-config` (enabled once a point is chosen), `#export-frontier-json` and their status line. */
export function frontierExports(
  exportFile: ExportFn,
  stem: (what: string) => string,
  logName: () => string,
  current: () => ExportState,
): { elements: HTMLElement[]; enable(pointChosen: boolean): void } {
  const status = h('span', { className: 'export-status', role: 'status' });
  const saveConfig = async (): Promise<void> => {
    const s = current();
    if (!s?.picked) return;
    const { picked } = s;
    const cfg = deployableConfig(s.result, picked, s.selection, logName());
    if (!cfg) return;
    await runExport(config, status, () =>
      exportFile({
        format: 'json',
        suggestedName: `${stem(`cascade-${picked.method}-${picked.index + 1}`)}.json`,
        data: JSON.stringify(cfg, null, 2),
      }),
    );
  };
  const saveFrontierJson = async (): Promise<void> => {
    const s = current();
    if (!s) return;
    await runExport(json, status, () =>
      exportFile({
        format: 'json',
        suggestedName: `${stem('frontier')}.json`,
        data: frontierJson(s.result, s.selection, logName()),
      }),
    );
  };
  const config: HTMLElement = ui.button(
    {
      id: 'export-config',
      disabled: true,
      title: 'Save the chosen operating point as a deployable JSON config {cascade, thresholds, calibrators}',
      onclick: () => void saveConfig(),
    },
    'Export deployable config',
  );
  const json: HTMLElement = ui.button(
    {
      id: 'export-frontier-json',
      appearance: 'secondary',
      title: 'Save every frontier point of every method as JSON',
      onclick: () => void saveFrontierJson(),
    },
    'Export frontier JSON',
  );
  return {
    elements: [config, json, status],
    enable: (pointChosen) => config.toggleAttribute('disabled', !pointChosen),
  };
}
