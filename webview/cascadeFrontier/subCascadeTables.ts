/** The tables of the Sub-cascades tab: which sub-cascade dominates where, and every sub-cascade's AUC per method. */
import { cascadeName } from '../charts/subCascadeChart';
import { METHOD_LABEL, TUNE_METHODS, type SubCascadeResult, type TuneMethod } from '../../src/protocol/cascadeFrontier';
import { formatFixed, formatShare, formatUsd } from '../../src/protocol/format';
import type { ExportFn } from '../ui/exporter';
import { TableCard } from '../ui/tableCard';

export type Segment = SubCascadeResult['dominance'][number];
export type Entry = SubCascadeResult['cascades'][number];

/** The lower envelope's segments: a cost range, the sub-cascade lowest there and its error at both ends. */
export function dominanceTableCard(exportFile: ExportFn, stem: (what: string) => string): TableCard<Segment> {
  return new TableCard<Segment>(
    {
      id: 'dominance',
      title: 'Which sub-cascade dominates where',
      fileStem: () => stem('dominance'),
      columns: [
        {
          id: 'cost_from_usd',
          title: 'From ($/query)',
          numeric: true,
          value: (r) => r.costFrom,
          format: (r) => formatUsd(r.costFrom),
        },
        {
          id: 'cost_to_usd',
          title: 'To ($/query)',
          numeric: true,
          value: (r) => r.costTo,
          format: (r) => formatUsd(r.costTo),
        },
        {
          id: 'cascade',
          title: 'Lowest test error',
          help: 'The sub-cascade (or single model) with the lowest test error at this budget',
          value: (r) => cascadeName(r.cascade),
        },
        {
          id: 'error_from',
          title: 'Error from',
          numeric: true,
          value: (r) => r.errorFrom,
          format: (r) => formatShare(r.errorFrom),
        },
        {
          id: 'error_to',
          title: 'Error to',
          numeric: true,
          value: (r) => r.errorTo,
          format: (r) => formatShare(r.errorTo),
        },
      ],
    },
    exportFile,
  );
}

/** Every sub-cascade with its length and AUC per method; `methods()` are the methods run (the others read "not run"). */
export function aucTableCard(
  exportFile: ExportFn,
  stem: (what: string) => string,
  methods: () => TuneMethod[],
): TableCard<Entry> {
  return new TableCard<Entry>(
    {
      id: 'subcascade-auc',
      title: 'Every sub-cascade',
      fileStem: () => stem('subcascade-auc'),
      columns: [
        { id: 'cascade', title: 'Sub-cascade', value: (r) => cascadeName(r.cascade) },
        { id: 'k', title: 'k', numeric: true, value: (r) => r.cascade.length },
        ...TUNE_METHODS.map((m) => ({
          id: `auc_${m}`,
          title: `AUC ${m.toUpperCase()}`,
          help: `${METHOD_LABEL[m]}: mean test error over the cost interval the methods share`,
          numeric: true,
          value: (r: Entry) => r.auc[m] ?? null,
          format: (r: Entry) =>
            methods().includes(m)
              ? r.auc[m] === null || r.auc[m] === undefined
                ? '—'
                : formatFixed(r.auc[m]!, 4)
              : 'not run',
        })),
      ],
    },
    exportFile,
  );
}
