/**
 * "Runs against the baseline": when the Model Overview compares several logs as runs, every later
 * run against the first, model by model, query by query, on the split and slice on screen: one
 * sentence per pair, the accuracy table (each side, the change with its 95% paired bootstrap
 * interval, McNemar's p, the agreement counts) and the cost and latency table (the numbers of
 * `costrisk compare` with the run as A and the baseline as B). Ids: `[data-card="runs"]`, tables
 * `[data-table="run-accuracy"]` and `[data-table="run-cost"]`, sentences `[data-run-finding]`.
 */
import type { RunComparison } from '../../src/engines/compare/compareRuns';
import type { SliceCondition } from '../../src/protocol/logSummary';
import type { ModelOverviewProtocol, RunPair, RunPairsView } from '../../src/protocol/modelOverview';
import { comparisonColumns, comparisonFinding, matchedColumn, type Sides } from '../ui/comparisonColumns';
import { h, replaceChildren } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import type { HostClient } from '../ui/hostClient';
import { TableCard, type Column } from '../ui/tableCard';

type Row = RunPair & { comparison: RunComparison };

const SIDES: Sides = { a: { id: 'run', label: 'run' }, b: { id: 'baseline', label: 'baseline' } };
const pick = (r: Row): RunComparison => r.comparison;

const pairColumns: Column<Row>[] = [
  { id: 'run', title: 'Run', value: (r) => r.run },
  { id: 'model', title: 'Model', value: (r) => r.model },
  {
    id: 'baseline_model',
    title: 'Baseline model',
    help: 'The model of the first run it is compared with (the same model unless each run has only one)',
    value: (r) => r.baselineModel,
  },
  matchedColumn(pick),
];

/** The findings list: one sentence per compared pair, then why each other pair or run has none. */
function findingItems(v: RunPairsView, rows: Row[]): HTMLElement[] {
  const [baseline] = v.runs;
  const sentences = rows.map((r) =>
    comparisonFinding(r.comparison, { a: `${r.model} in "${r.run}"`, b: `${r.baselineModel} in "${baseline}"` }, SIDES),
  );
  const problems = v.pairs
    .filter((p) => p.comparison === null)
    .map((p) => `${p.model} in "${p.run}" against ${p.baselineModel}: ${p.problem}`);
  const unpaired = v.runs
    .slice(1)
    .filter((run) => !v.pairs.some((p) => p.run === run))
    .map(
      (run) =>
        `"${run}" shares no model name with "${baseline}", and they do not have one model each: compare them with Compare Two Logs, choosing the models.`,
    );
  return [
    ...sentences.map((t) => h('li', { 'data-run-finding': '' }, t)),
    ...[...problems, ...unpaired].map((t) => h('li', {}, t)),
  ];
}

/** The card; `show(split, where)` after every summary of runs (it asks the host again), `hide()` for one log. */
export function runsCard(
  client: HostClient<ModelOverviewProtocol>,
  exportFile: ExportFn,
  stem: (what: string) => string,
): { element: HTMLElement; show(split: string, where: SliceCondition | null): void; hide(): void } {
  const columns = comparisonColumns<Row>(SIDES, pick, {
    accuracy: {
      title: 'Change (95% CI)',
      help: "The run's accuracy minus the baseline's, with the 95% paired bootstrap interval (the same resampled queries for both)",
    },
    cost: {
      title: 'Cost change (95% CI)',
      help: "The run's mean cost per query minus the baseline's, over the matched queries where both have a cost",
    },
    latency: {
      title: 'Latency change (95% CI)',
      help: "The run's mean latency minus the baseline's, over the matched queries where both have one",
    },
  });
  const table = (id: string, title: string, more: Column<Row>[]): TableCard<Row> =>
    new TableCard<Row>({ id, title, fileStem: () => stem(id), columns: [...pairColumns, ...more] }, exportFile);
  const accuracy = table('run-accuracy', 'Accuracy against the baseline', columns.accuracy);
  const cost = table('run-cost', 'Cost and latency against the baseline', columns.costLatency);
  const heading = h('h2', {}, 'Runs against the baseline');
  const note = h('p', { className: 'empty', role: 'status' });
  const findings = h('ul', { className: 'findings', 'aria-live': 'polite' });
  const element = h(
    'section',
    { 'data-card': 'runs', hidden: true },
    heading,
    note,
    findings,
    accuracy.element,
    cost.element,
  );
  let seq = 0;

  const render = (v: RunPairsView, split: string): void => {
    const [baseline] = v.runs;
    const rows = v.pairs.filter((p): p is Row => p.comparison !== null);
    const on = split === '' ? 'all records' : `split "${split}"`;
    heading.textContent = `Runs against the baseline "${baseline}" · ${on}`;
    replaceChildren(findings, ...findingItems(v, rows));
    note.textContent = `Every later run against the first, query by query (${v.replicates.toLocaleString('en-US')} paired bootstrap resamples, seed ${v.seed}); a change is the run's figure minus the baseline's.`;
    accuracy.update(rows);
    cost.update(rows);
    accuracy.element.hidden = cost.element.hidden = rows.length === 0;
  };

  return {
    element,
    async show(split, where) {
      const id = ++seq;
      element.hidden = false;
      note.textContent = 'Comparing the runs query by query…';
      try {
        const v = await client.request('runPairs', { split, where });
        if (id === seq) render(v, split);
      } catch (err) {
        if (id === seq) note.textContent = `The runs could not be compared: ${(err as Error).message}`;
      }
    },
    hide() {
      seq++;
      element.hidden = true;
    },
  };
}
