// Signatures per second over the last minutes: validator-key signatures
// (cachet_keys_signatures_total) and keysign signatures (cachet_keysign_digests_signed_total),
// as rates between the page's own successive readings of the node's counters, drawn as SVG.

import { h } from '../dom.js';
import { RateSeries, total } from '../metrics.js';


const WINDOW_MILLIS = 5 * 60 * 1000;
/** Each point is the rate over the 10 s before it: steady for counters that step once a slot. */
const SPAN_MILLIS = 10 * 1000;
const SERIES = [
  { key: 'keys', label: 'validator keys', metric: 'cachet_keys_signatures_total' },
  { key: 'keysign', label: 'keysign', metric: 'cachet_keysign_digests_signed_total' },
];
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 24 };

export async function render(ctx) {
  const samples = await ctx.metrics();
  const series = (ctx.state.series ||= new RateSeries(WINDOW_MILLIS, SPAN_MILLIS));
  series.add(
    ctx.now,
    Object.fromEntries(SERIES.map((s) => [s.key, total(samples, s.metric)])),
  );
  const rates = series.rates(SERIES.map((s) => s.key));
  const latest = Object.fromEntries(
    SERIES.map((s) => {
      const points = rates[s.key];
      return [s.key, points.length ? points[points.length - 1].rate : null];
    }),
  );
  return h(
    'div',
    { class: 'chart' },
    h(
      'ul',
      { class: 'legend' },
      SERIES.map((s) =>
        h(
          'li',
          { class: `series-${s.key}`, dataset: { series: s.key } },
          h('span', { class: 'swatch' }),
          `${s.label}: `,
          h('strong', {}, latest[s.key] === null ? '–' : `${latest[s.key].toFixed(2)}/s`),
          ` (${Number(total(samples, s.metric)).toLocaleString('en-US')} in all)`,
        ),
      ),
    ),
    draw(rates, ctx.now),
    rates.keys.length === 0
      ? h('p', { class: 'small muted' }, 'The rates appear from the second reading on.')
      : null,
  );
}

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  for (const child of children) {
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function draw(rates, now) {
  const start = now - WINDOW_MILLIS;
  const all = SERIES.flatMap((s) => rates[s.key].map((p) => p.rate));
  const top = niceCeiling(Math.max(1, ...all));
  const x = (at) => PAD.left + ((at - start) / WINDOW_MILLIS) * (WIDTH - PAD.left - PAD.right);
  const y = (rate) => HEIGHT - PAD.bottom - (rate / top) * (HEIGHT - PAD.top - PAD.bottom);
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': 'signatures per second, last 5 minutes',
  });
  for (const fraction of [0, 0.5, 1]) {
    const rate = top * fraction;
    chart.append(
      svg('line', {
        class: 'grid',
        x1: PAD.left,
        x2: WIDTH - PAD.right,
        y1: y(rate),
        y2: y(rate),
      }),
      svg('text', { class: 'axis', x: PAD.left - 6, y: y(rate) + 4, 'text-anchor': 'end' }, fmt(rate)),
    );
  }
  for (const minutes of [5, 4, 3, 2, 1, 0]) {
    chart.append(
      svg(
        'text',
        { class: 'axis', x: x(now - minutes * 60000), y: HEIGHT - 6, 'text-anchor': 'middle' },
        minutes === 0 ? 'now' : `-${minutes} min`,
      ),
    );
  }
  for (const s of SERIES) {
    const points = rates[s.key].filter((p) => p.at >= start);
    if (points.length > 0) {
      const last = points[points.length - 1];
      chart.append(
        svg('polyline', {
          class: `line series-${s.key}`,
          points: points.map((p) => `${x(p.at).toFixed(1)},${y(p.rate).toFixed(1)}`).join(' '),
        }),
        svg('circle', {
          class: `dot series-${s.key}`,
          cx: x(last.at).toFixed(1),
          cy: y(last.rate).toFixed(1),
          r: 3,
        }),
      );
    }
  }
  return chart;
}

function niceCeiling(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (value <= step * magnitude) {
      return step * magnitude;
    }
  }
  return 10 * magnitude;
}

function fmt(rate) {
  return rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
}
