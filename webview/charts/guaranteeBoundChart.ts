/**
 * The Clopper–Pearson bound along the threshold scan: upper bound, calibration error and realised
 * test error against calibration coverage, with α, the points the procedure tested (passed or not),
 * the test that stopped a fixed-sequence scan (labelled with its errors and bound) and the chosen
 * threshold marked. Pure.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ChartTheme } from './chartTheme';
import { formatPercent, lineChart, lineDataset, seriesColour, type XY } from './lineChartBase';
import { pointLabelsPlugin } from './pointLabelsPlugin';
import { formatFixed } from '../../src/protocol/format';

/** A point the procedure tested. */
export interface TestedPoint {
  coverage: number;
  upperBound: number;
  passed: boolean;
}

/** The failing test that ended a fixed-sequence scan, with its numbers. */
export interface StopPoint {
  coverage: number;
  upperBound: number;
  accepted: number;
  errors: number;
}

export interface GuaranteeBoundData {
  alpha: number;
  /** One block per model (one for a single model, two for a cascade). */
  stages: {
    label: string;
    chosenCoverage: number | null;
    points: { coverage: number; upperBound: number; riskCal: number | null; riskTest: number | null }[];
    tests?: TestedPoint[];
    stop?: StopPoint | null;
  }[];
}

/** The label written beside a stop marker. */
export function stopLabel(s: StopPoint, alpha: number): string {
  return `scan stopped: ${s.errors} wrong of ${s.accepted}, bound ${formatFixed(s.upperBound, 3)} > α = ${alpha}`;
}

function markers(
  label: string,
  data: XY[],
  colour: string,
  style: 'circle' | 'crossRot',
  filled: boolean,
  radius: number,
): ChartDataset<'scatter', XY[]> {
  return {
    label,
    data,
    showLine: false,
    pointStyle: style,
    pointRadius: radius,
    pointHoverRadius: radius + 1,
    borderColor: colour,
    backgroundColor: filled ? colour : 'transparent',
    borderWidth: style === 'crossRot' ? 3 : 1.5,
  };
}

type Stage = GuaranteeBoundData['stages'][number];

/** A stage's tested points: those whose bound passed filled, those that failed hollow (the stop is drawn apart). */
function testedMarkers(s: Stage, colour: string): ChartDataset<'scatter', XY[]>[] {
  const tests = s.tests ?? [];
  const passed = tests.filter((t) => t.passed).map((t) => ({ x: t.coverage, y: t.upperBound }));
  const failed = tests
    .filter((t) => !t.passed && !(s.stop && t.coverage === s.stop.coverage))
    .map((t) => ({ x: t.coverage, y: t.upperBound }));
  return [
    ...(passed.length ? [markers(`${s.label}: tested, bound ≤ α`, passed, colour, 'circle', true, 4)] : []),
    ...(failed.length ? [markers(`${s.label}: tested, bound > α`, failed, colour, 'circle', false, 4)] : []),
  ];
}

/** The `i`-th stage's datasets: upper bound, calibration and test error (those it has), tested points, chosen coverage. */
function stageDatasets(theme: ChartTheme, s: Stage, i: number): ChartDataset<'scatter', XY[]>[] {
  const pts = [...s.points].sort((a, b) => a.coverage - b.coverage);
  const colour = seriesColour(theme, 2 * i);
  const out = [
    lineDataset(
      theme,
      `${s.label}: upper bound`,
      pts.map((p) => ({ x: p.coverage, y: p.upperBound })),
      colour,
      { width: 3 },
    ),
  ];
  const cal = pts.filter((p) => p.riskCal !== null);
  if (cal.length)
    out.push(
      lineDataset(
        theme,
        `${s.label}: calibration error`,
        cal.map((p) => ({ x: p.coverage, y: p.riskCal as number })),
        colour,
        { dashed: true, width: 1 },
      ),
    );
  const test = pts.filter((p) => p.riskTest !== null);
  if (test.length)
    out.push(
      lineDataset(
        theme,
        `${s.label}: test error`,
        test.map((p) => ({ x: p.coverage, y: p.riskTest as number })),
        seriesColour(theme, 2 * i + 1),
        { width: 1 },
      ),
    );
  out.push(...testedMarkers(s, colour));
  if (s.chosenCoverage !== null)
    out.push(
      lineDataset(
        theme,
        `_${s.label} chosen`,
        [
          { x: s.chosenCoverage, y: 0 },
          { x: s.chosenCoverage, y: 1 },
        ],
        colour,
        { dashed: true, width: 1 },
      ),
    );
  return out;
}

/** The chart: bound, calibration and test error per stage, tested points, the stop (cross and label), α and the chosen coverage. */
export function guaranteeBoundConfig(data: GuaranteeBoundData, theme: ChartTheme): ChartConfiguration<'scatter', XY[]> {
  const stopPoints = data.stages.flatMap((s) =>
    s.stop
      ? [
          {
            xy: { x: s.stop.coverage, y: s.stop.upperBound },
            text: `${data.stages.length > 1 ? `${s.label}: ` : ''}${stopLabel(s.stop, data.alpha)}`,
          },
        ]
      : [],
  );
  const datasets = data.stages.flatMap((s, i) => stageDatasets(theme, s, i));
  datasets.push(
    lineDataset(
      theme,
      `α = ${data.alpha}`,
      [
        { x: 0, y: data.alpha },
        { x: 1, y: data.alpha },
      ],
      theme.accent,
      { dashed: true, width: 2 },
    ),
  );
  const stopIndex = stopPoints.length
    ? datasets.push(
        markers(
          'scan stopped here',
          stopPoints.map((p) => p.xy),
          theme.accent,
          'crossRot',
          false,
          9,
        ),
      ) - 1
    : -1;
  const highest = [...data.stages.flatMap((s) => [...s.points.map((p) => p.riskTest ?? 0), s.stop?.upperBound ?? 0])];
  const top = Math.min(1, Math.max(2.5 * data.alpha, ...highest) * 1.05);
  const cfg = lineChart(
    theme,
    datasets,
    { title: 'Calibration answers accepted (coverage)', min: 0, max: 1, format: formatPercent },
    { title: 'Error rate among accepted answers', min: 0, max: top, format: formatPercent },
    (label, p) => `${label}: ${formatPercent(p.y)} at coverage ${formatPercent(p.x)}`,
  );
  if (stopIndex >= 0)
    cfg.plugins = [
      ...(cfg.plugins ?? []),
      pointLabelsPlugin(
        stopIndex,
        stopPoints.map((p) => p.text),
        theme.foreground,
        `${theme.fontSize}px ${theme.fontFamily}`,
      ),
    ];
  return cfg;
}

/** The chart's CSV: every plotted point of the bound curve per stage. */
export function guaranteeBoundTable(data: GuaranteeBoundData): {
  header: string[];
  rows: (string | number | null)[][];
} {
  return {
    header: ['stage', 'coverage_cal', 'upper_bound', 'risk_cal', 'risk_test'],
    rows: data.stages.flatMap((s) => s.points.map((p) => [s.label, p.coverage, p.upperBound, p.riskCal, p.riskTest])),
  };
}
