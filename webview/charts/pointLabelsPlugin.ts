import type { Plugin } from 'chart.js';

/** Writes a text label beside each point of one dataset (model names on a scatter). */
export function pointLabelsPlugin(
  datasetIndex: number,
  labels: readonly string[],
  color: string,
  font: string,
): Plugin {
  return {
    id: 'crlPointLabels',
    afterDatasetsDraw(chart) {
      const meta = chart.getDatasetMeta(datasetIndex);
      if (meta.hidden) return;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.fillStyle = color;
      ctx.font = font;
      ctx.textBaseline = 'middle';
      meta.data.forEach((el, i) => {
        const text = labels[i];
        if (!text) return;
        const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
        const w = ctx.measureText(text).width;
        const right = x + 8 + w <= chartArea.right;
        ctx.textAlign = right ? 'left' : 'right';
        ctx.fillText(text, right ? x + 8 : x - 8, y - 10 < chartArea.top ? y + 10 : y - 10);
      });
      ctx.restore();
    },
  };
}
