import { maxOf, minOf } from '../../shared/arrays';

/** One point of the chart. */
export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
}

const W = 560;
const H = 320;
const PAD = { left: 60, right: 20, top: 16, bottom: 44 };

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A short label for an axis tick: 3 significant digits. */
const tick = (v: number): string => String(Number(v.toPrecision(3)));

/**
 * A self-contained SVG scatter chart (no script, no external resource): x on a log scale when
 * every x is positive and they span more than a factor of 10, else linear; each point labelled.
 * Points with a non-finite coordinate are left out; an empty chart says so.
 */
export function scatterSvg(points: readonly ScatterPoint[], xTitle: string, yTitle: string): string {
  const pts = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const head = `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(`${yTitle} against ${xTitle}`)}">`;
  if (pts.length === 0)
    return `${head}<text x="${W / 2}" y="${H / 2}" text-anchor="middle">no data to plot</text></svg>`;
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const log = xs.every((x) => x > 0) && maxOf(xs) / minOf(xs) > 10;
  const fx = (x: number) => (log ? Math.log10(x) : x);
  let [x0, x1] = [minOf(xs.map(fx)), maxOf(xs.map(fx))];
  let [y0, y1] = [minOf(ys), maxOf(ys)];
  if (x1 - x0 < 1e-12) [x0, x1] = [x0 - 1, x1 + 1];
  if (y1 - y0 < 1e-12) [y0, y1] = [y0 - 0.05, y1 + 0.05];
  const mx = (x1 - x0) * 0.08;
  const my = (y1 - y0) * 0.08;
  [x0, x1, y0, y1] = [x0 - mx, x1 + mx, y0 - my, y1 + my];
  const px = (x: number) => PAD.left + ((fx(x) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const r = (v: number) => v.toFixed(1);
  const ticks = (lo: number, hi: number) => [0, 0.25, 0.5, 0.75, 1].map((t) => lo + t * (hi - lo));
  const parts = [
    head,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="none" stroke="#999"/>`,
  ];
  for (const t of ticks(x0, x1)) {
    const v = log ? 10 ** t : t;
    parts.push(
      `<text x="${r(px(v))}" y="${H - PAD.bottom + 16}" font-size="11" text-anchor="middle">${escapeXml(tick(v))}</text>`,
    );
  }
  for (const t of ticks(y0, y1))
    parts.push(
      `<text x="${PAD.left - 6}" y="${r(py(t) + 4)}" font-size="11" text-anchor="end">${escapeXml(tick(t))}</text>`,
    );
  parts.push(
    `<text x="${(W + PAD.left) / 2}" y="${H - 6}" font-size="12" text-anchor="middle">${escapeXml(xTitle)}${log ? ' (log scale)' : ''}</text>`,
  );
  parts.push(
    `<text x="14" y="${H / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">${escapeXml(yTitle)}</text>`,
  );
  for (const p of pts) {
    parts.push(
      `<circle cx="${r(px(p.x))}" cy="${r(py(p.y))}" r="4" fill="#3b6fb6"><title>${escapeXml(`${p.label}: ${tick(p.x)}, ${tick(p.y)}`)}</title></circle>`,
    );
    parts.push(`<text x="${r(px(p.x) + 6)}" y="${r(py(p.y) - 6)}" font-size="11">${escapeXml(p.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
