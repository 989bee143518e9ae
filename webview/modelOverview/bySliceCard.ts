/**
 * "Side by side by": each model's accuracy and cost per value of a text field of the log (task,
 * subject, split...), on the split and slice the Model Overview shows; the figures of
 * `costrisk summary --by field`. Ids: `#by-field`; table `[data-table="by-slice"]`.
 */
import type { SliceSummary } from '../../src/engines/slices/sliceSummaries';
import type { ModelOverviewProtocol } from '../../src/protocol/modelOverview';
import type { SliceCondition } from '../../src/protocol/logSummary';
import { plural } from '../../src/protocol/format';
import { accuracyAndCostColumns } from './summaryColumns';
import { h, replaceChildren } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import type { HostClient } from '../ui/hostClient';
import { TableCard } from '../ui/tableCard';
import * as ui from '../ui/toolkit';

type Row = SliceSummary['models'][number] & { value: string };

/** The card; `show(fields, split, where)` after every summary, which asks again when a field is chosen. */
export function bySliceCard(
  client: HostClient<ModelOverviewProtocol>,
  exportFile: ExportFn,
  stem: (what: string) => string,
): { element: HTMLElement; show(fields: readonly string[], split: string, where: SliceCondition | null): void } {
  const picker = ui.dropdown({
    id: 'by-field',
    'aria-label': 'Side by side by field',
    title: "Each model's accuracy and cost per value of a text field (as costrisk summary --by field)",
  });
  const note = h('p', { className: 'empty', role: 'status' });
  const table = new TableCard<Row>(
    {
      id: 'by-slice',
      title: 'Side by side',
      fileStem: () => stem(`by-${picker.value}`),
      columns: [
        { id: 'value', title: 'Value', value: (r) => r.value },
        { id: 'model', title: 'Model', value: (r) => r.model },
        { id: 'n', title: 'n', numeric: true, value: (r) => r.n },
        ...accuracyAndCostColumns<Row>(),
      ],
    },
    exportFile,
  );
  table.element.hidden = true;
  let context: { split: string; where: SliceCondition | null } = { split: '', where: null };
  let seq = 0;

  const load = async (): Promise<void> => {
    const id = ++seq;
    const field = picker.value;
    table.element.hidden = field === '';
    if (field === '') return void (note.textContent = '');
    note.textContent = `Summarising by ${field}…`;
    try {
      const slices = await client.request('bySlice', { field, ...context });
      if (id !== seq) return;
      table.setTitle(`By ${field} · ${context.split === '' ? 'all records' : `split "${context.split}"`}`);
      table.update(slices.flatMap((s) => s.models.map((m) => ({ ...m, value: s.value }))));
      note.textContent = `${plural(slices.length, 'value')} of ${field}.`;
    } catch (err) {
      if (id === seq) note.textContent = `Could not summarise by ${field}: ${(err as Error).message}`;
    }
  };
  picker.addEventListener('change', () => void load());

  const element = h(
    'div',
    {},
    h('div', { className: 'controls' }, h('label', { for: 'by-field' }, 'Side by side by'), picker, note),
    table.element,
  );
  return {
    element,
    show(fields, split, where) {
      const chosen = fields.includes(picker.value) ? picker.value : '';
      replaceChildren(
        picker,
        ui.option('', 'none', chosen === ''),
        ...fields.map((f) => ui.option(f, f, f === chosen)),
      );
      picker.value = chosen;
      context = { split, where };
      void load();
    },
  };
}
