/**
 * Small inline SVG charts for the HTML report: drawn here, so the page needs no script and no
 * network. Each chart has a <title> and text labels, and data-chart names it (tests find them).
 */
const W = 640;
const H = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 36 };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function frame(name: string, title: string, body: string): string {
  return `<svg data-chart="${name}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${body}</svg>`;
}

/** Vertical bars with a label under each. */
export function barChart(
  name: string,
  title: string,
  bars: Array<{ label: string; value: number; color?: string }>,
): string {
  if (!bars.length) return frame(name, title, `<text x="${W / 2}" y="${H / 2}" text-anchor="middle">no data</text>`);
  const max = Math.max(...bars.map((b) => b.value), 1);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / bars.length;
  const rects = bars
    .map((b, i) => {
      const h = (b.value / max) * plotH;
      const x = PAD.left + i * slot + slot * 0.1;
      const y = PAD.top + plotH - h;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.8).toFixed(1)}" height="${h.toFixed(1)}" fill="${b.color ?? '#4f7cff'}"><title>${escapeHtml(`${b.label}: ${b.value}`)}</title></rect><text x="${(x + slot * 0.4).toFixed(1)}" y="${H - PAD.bottom + 14}" font-size="10" text-anchor="middle">${escapeHtml(b.label)}</text>`;
    })
    .join('');
  return frame(name, title, `${axes(max)}${rects}`);
}

function axes(max: number, unit = ''): string {
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = [0, 0.5, 1]
    .map((f) => {
      const y = PAD.top + plotH - f * plotH;
      return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${y + 4}" font-size="10" text-anchor="end">${fmt(max * f)}${unit}</text>`;
    })
    .join('');
  return ticks;
}

/** Lines over time: x in ms, one series per line. */
export function lineChart(
  name: string,
  title: string,
  xs: number[],
  series: Array<{ label: string; values: number[]; color: string }>,
  unit: string,
): string {
  if (xs.length < 1) return frame(name, title, `<text x="${W / 2}" y="${H / 2}" text-anchor="middle">no data</text>`);
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values));
  const x0 = xs[0]!;
  const x1 = Math.max(xs.at(-1)!, x0 + 1);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const px = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * plotW;
  const py = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const lines = series
    .map((s, k) => {
      const points = s.values.map((v, i) => `${px(xs[i]!).toFixed(1)},${py(v).toFixed(1)}`).join(' ');
      return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points}"/><text x="${PAD.left + 8 + k * 90}" y="${H - 6}" font-size="11" fill="${s.color}">${escapeHtml(s.label)}</text>`;
    })
    .join('');
  const xLabel = `<text x="${W - PAD.right}" y="${H - PAD.bottom + 14}" font-size="10" text-anchor="end">${fmt((x1 - x0) / 1000)} s</text>`;
  return frame(name, title, `${axes(max, unit)}${lines}${xLabel}`);
}
