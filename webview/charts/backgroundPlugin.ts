import type { Plugin } from 'chart.js';

/** Fills the canvas with the theme background before drawing, so exported PNGs are not transparent. */
export function backgroundPlugin(color: string): Plugin {
  return {
    id: 'crlBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}
