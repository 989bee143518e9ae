/**
 * Many-series charts show their leaders and fold the rest: the folded series start hidden and out
 * of the legend, and one legend entry ("12 more systems: show") brings them back (and folds them
 * again). The same switch is offered to keyboard users as a button on the chart's card
 * (chartCard.ts reads it with `foldOf`). Pure config plus the click handler Chart.js calls.
 */
import type { Chart, ChartConfiguration, LegendItem } from 'chart.js';

/** A chart's fold switch: what it folds and how to flip it on a live chart. */
export interface FoldSwitch {
  /** How many series are folded. */
  readonly count: number;
  /** Whether the folded series are shown now. */
  expanded: boolean;
  /** The switch's text for the current state ("12 more systems: show" / "Fold the 12 other systems"). */
  label(): string;
  /** Flips the switch on `chart` (shows or hides the folded series, renames the legend entry). */
  toggle(chart: Chart): void;
  /** Called after every flip (the card updates its button). */
  onToggle?: () => void;
}

const switches = new WeakMap<object, FoldSwitch>();

/** The fold switch of a chart config, if `foldSeries` folded any of its series. */
export function foldOf(cfg: ChartConfiguration): FoldSwitch | undefined {
  return switches.get(cfg);
}

/** Folding fewer series than this gains nothing. */
const MIN_FOLDED = 2;

/**
 * Folds the datasets of `cfg` not in `keep` (datasets labelled "_…", which never show in the
 * legend, are left alone) behind a legend entry naming `count` more `noun` (plural). Returns the
 * switch, or undefined when there is too little to fold.
 */
export function foldSeries(
  cfg: ChartConfiguration<'scatter', unknown[]>,
  keep: ReadonlySet<number>,
  noun: string,
  colour: string,
): FoldSwitch | undefined {
  const datasets = cfg.data.datasets;
  const folded = new Set(datasets.flatMap((d, i) => (keep.has(i) || (d.label ?? '').startsWith('_') ? [] : [i])));
  if (folded.size < MIN_FOLDED) return undefined;
  for (const i of folded) datasets[i].hidden = true;
  const toggleIndex = datasets.length;
  const fold: FoldSwitch = {
    count: folded.size,
    expanded: false,
    label() {
      return this.expanded ? `Fold the ${this.count} other ${noun}` : `${this.count} more ${noun}: show`;
    },
    toggle(chart: Chart) {
      this.expanded = !this.expanded;
      for (const i of folded) chart.setDatasetVisibility(i, this.expanded);
      chart.data.datasets[toggleIndex].label = this.label();
      chart.update();
      this.onToggle?.();
    },
  };
  datasets.push({
    label: fold.label(),
    data: [],
    borderColor: colour,
    backgroundColor: 'transparent',
    borderDash: [2, 3],
  });
  const options = (cfg.options ??= {});
  const plugins = (options.plugins ??= {});
  const legend = (plugins.legend ??= {});
  const labels = (legend.labels ??= {});
  const filter = labels.filter;
  labels.filter = (item: LegendItem, data) =>
    (filter ? filter(item, data) : true) && (fold.expanded || !folded.has(item.datasetIndex ?? -1));
  legend.onClick = (_e, item, l) => {
    const i = item.datasetIndex ?? -1;
    if (i === toggleIndex) fold.toggle(l.chart);
    else {
      l.chart.setDatasetVisibility(i, !l.chart.isDatasetVisible(i));
      l.chart.update();
    }
  };
  switches.set(cfg, fold);
  return fold;
}
