/**
 * The Cascade Runner's pickers for VS Code's language models: the weak, strong and judge model
 * chosen among the chat models the editor offers (the host lists them), instead of typed names.
 */
import type { CascadeFormValues, ChatModelChoice } from '../../src/protocol/cascadeRunner';
import { h } from '../ui/dom';
import { appendAll } from '../../src/shared/arrays';
import { dropdown, type Choice } from '../ui/selectControls';

type ModelField = 'weakModel' | 'strongModel' | 'judgeModel';
const PICKERS: [ModelField, string, string][] = [
  ['weakModel', 'weak-lm', 'Weak model'],
  ['strongModel', 'strong-lm', 'Strong model'],
  ['judgeModel', 'judge-lm', 'Judge model'],
];

export interface LmPickers {
  /** The weak and strong pickers. */
  element: HTMLElement;
  /** The judge picker (shown with judge matching). */
  judge: HTMLElement;
  /** Fills the pickers with the offered models (null: not listed yet) and the form's choices. */
  fill(models: readonly ChatModelChoice[] | null, form: CascadeFormValues): void;
}

/** The choices of one picker: the models offered, and the form's choice when it is no longer offered. */
function choices(models: readonly ChatModelChoice[] | null, chosen: string): Choice[] {
  if (models === null) return [{ value: chosen, label: chosen ? `${chosen} (listing models…)` : 'Listing models…' }];
  const out: Choice[] = [
    {
      value: '',
      label: models.length
        ? '(choose a model)'
        : '(VS Code offers no chat model: install or sign in to one, e.g. GitHub Copilot)',
    },
  ];
  appendAll(
    out,
    models.map((m) => ({ value: m.id, label: `${m.name} · ${m.vendor}` })),
  );
  if (chosen && !models.some((m) => m.id === chosen)) out.push({ value: chosen, label: `${chosen} (not offered now)` });
  return out;
}

/** The pickers; `onEdit` gets the field a choice changed. */
export function lmPickers(onEdit: (patch: Partial<CascadeFormValues>) => void): LmPickers {
  const picks = PICKERS.map(([field, id, label]) => ({
    field,
    pick: dropdown(id, label, (v) => onEdit({ [field]: v })),
  }));
  const [weak, strong, judge] = picks;
  return {
    element: h('div', { className: 'controls', id: 'lm-models' }, weak.pick.element, strong.pick.element),
    judge: judge.pick.element,
    fill(models, form) {
      for (const { field, pick } of picks) pick.set(choices(models, form[field]), form[field]);
    },
  };
}
