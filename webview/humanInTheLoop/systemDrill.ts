/**
 * Drill-down into the "Ask" and "Fail Fast, or Ask" error–rejection curves (issue 14 item 2): a
 * click on a curve point, or a configuration and rejection rate chosen in the picker under the
 * chart, lists the queries of that point: which the non-reasoning model answered, failed fast or
 * passed on, and which the reasoning model deferred to the human. Ids: `system-point-config`,
 * `system-point-rejection`, `system-point-queries` (the button); the card is `system-queries`.
 */
import { formatPercent } from '../charts/lineChartBase';
import type { FailFastPointParams, HitlConfig, HitlSelection, HitlSystemData } from '../../src/protocol/humanInTheLoop';
import { formatShare } from '../../src/protocol/format';
import type { QueryTableView } from '../../src/protocol/queryTable';
import { h } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import { QueryTableCard } from '../ui/queryTableCard';
import { dropdown } from '../ui/selectControls';
import * as ui from '../ui/toolkit';

export interface SystemDrillOptions {
  exportFile: ExportFn;
  fileStem(): string;
  request(params: FailFastPointParams): Promise<QueryTableView>;
  openSource(line: number): Promise<unknown>;
}

/** What the drill needs of the view's current figures. */
interface Shown {
  system: HitlSystemData;
  selection: HitlSelection;
  /** The configurations on the error chart, in its series order. */
  configs: HitlConfig[];
}

export class SystemDrill {
  readonly picker: HTMLElement;
  readonly card: QueryTableCard;
  private readonly configPick = dropdown('system-point-config', 'Curve of', () => undefined);
  private readonly rejectionPick = dropdown('system-point-rejection', 'at rejection rate', () => undefined);
  private shown: Shown | null = null;
  private seq = 0;

  constructor(private readonly opts: SystemDrillOptions) {
    this.card = new QueryTableCard({
      id: 'system-queries',
      exportFile: opts.exportFile,
      fileStem: opts.fileStem,
      openSource: (line) =>
        void opts
          .openSource(line)
          .catch((err: Error) => this.card.message(`The log could not be opened: ${err.message}`)),
    });
    const button = ui.button(
      {
        id: 'system-point-queries',
        appearance: 'secondary',
        title:
          'List the queries of this configuration at this rejection rate: who answered, and what went to the human',
        onclick: () => {
          const u = Number(this.configPick.value());
          const r = Number(this.rejectionPick.value());
          if (Number.isFinite(u) && Number.isFinite(r)) void this.drill(u, r);
        },
      },
      'List its queries',
    );
    this.picker = h(
      'div',
      { className: 'controls', 'data-card': 'system-point-picker' },
      this.configPick.element,
      this.rejectionPick.element,
      button,
    );
  }

  /**
   * The pickers follow the chart's curves (the slider adds one); new figures (another analysis) hide
   * the listed queries, which belong to the previous ones.
   */
  update(shown: Shown | null): void {
    if (shown?.system !== this.shown?.system) {
      this.seq++;
      this.card.hide();
    }
    this.shown = shown;
    this.picker.hidden = shown === null;
    if (!shown) return;
    const keepU = this.configPick.value();
    const choices = shown.configs.map((c) => ({ value: String(c.utilization), label: configLabel(c) }));
    this.configPick.set(choices, choices.some((c) => c.value === keepU) ? keepU : (choices[0]?.value ?? ''));
    const grid = shown.configs[0]?.curve.map((p) => p.rejection) ?? [];
    const keepR = this.rejectionPick.value();
    this.rejectionPick.set(
      grid.map((r) => ({ value: String(r), label: formatPercent(r) })),
      grid.some((r) => String(r) === keepR) ? keepR : String(grid[Math.min(10, grid.length - 1)] ?? 0),
    );
  }

  /** Lists the queries of the configuration at utilisation `u` (0 = "Ask") at rejection rate `rejection`. */
  async drill(u: number, rejection: number): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const id = ++this.seq;
    const { system: sys, selection: sel } = shown;
    const config = shown.configs.find((c) => Math.abs(c.utilization - u) < 1e-9);
    const point = config?.curve.find((p) => Math.abs(p.rejection - rejection) < 1e-9);
    this.configPick.select.value = String(u);
    this.rejectionPick.select.value = String(rejection);
    const at = `${config ? configLabel(config) : `u = ${formatPercent(u)}`} at rejection rate ${formatPercent(rejection)}`;
    this.card.message(`Reading the queries of ${at}…`);
    try {
      const view = await this.opts.request({
        split: sel.split,
        fast: sys.fast,
        reasoning: sys.reasoning,
        fastSignal: sel.fastSignal,
        reasoningSignal: sel.reasoningSignal,
        utilization: u,
        rejection,
      });
      if (id !== this.seq) return;
      const error = point?.accuracy === null || point === undefined ? null : 1 - point.accuracy;
      this.card.show(
        view,
        `Queries of ${at}${sel.split === '' ? '' : ` (split "${sel.split}")`}, ${sys.fast}'s most certain first${error === null ? '' : `; the curve's error ${formatShare(error)} is 1 − the accuracy of the accepted rows`}.`,
      );
    } catch (err) {
      if (id === this.seq) this.card.message(`The queries of ${at} could not be listed: ${(err as Error).message}`);
    }
  }
}

/** "Ask" or "Fail Fast, or Ask at 50%", as the summary table names the configuration. */
const configLabel = (c: HitlConfig): string =>
  c.system === 'ask' ? 'Ask' : `Fail Fast, or Ask at ${formatPercent(c.utilization)}`;
