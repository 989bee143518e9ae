/** The problems list the Cascade Frontier's tabs show above their content. */
import { h, replaceChildren } from '../ui/dom';

/** What a tab's job reports as problems: per model what stopped it, and warnings. */
export interface TabIssues {
  problems: { model: string; message: string }[];
  warnings: string[];
}

/** An empty, hidden problems list (`id` when the tab's tests or styles name it). */
export function problemsList(id?: string): HTMLElement {
  return h('ul', { id, className: 'problems', role: 'alert', hidden: true });
}

/** Lists each model's problem ("model: message") then the warnings; hidden when there is none. */
export function showProblems(list: HTMLElement, r: TabIssues): void {
  const issues = [...r.problems.map((p) => `${p.model}: ${p.message}`), ...r.warnings];
  replaceChildren(list, ...issues.map((t) => h('li', {}, t)));
  list.hidden = issues.length === 0;
}
