// Keysign per chain: low, high, pending digests, batches signed, the session in flight and the
// aborts. The chains bound on this node are the `chain` tags of its keysign gauges (/metrics);
// each chain's state is GET /api/v1/keysign/{chainId}.

import { badge, h, num, shortHex, table } from '../dom.js';
import { tagValues } from '../metrics.js';


export async function render(ctx) {
  const samples = await ctx.metrics();
  const chains = tagValues(samples, 'cachet_keysign_low', 'chain').sort((a, b) => a - b);
  if (chains.length === 0) {
    return h(
      'p',
      { class: 'muted' },
      'No chain is bound to a keysign key on this node (PUT /api/v1/admin/keysign/chains/{chainId}).',
    );
  }
  const views = await Promise.all(
    chains.map((id) =>
      ctx.get(`/api/v1/keysign/${id}`).catch((e) => ({ chainId: id, failure: e.message })),
    ),
  );
  return h(
    'div',
    {},
    table(
      ['Chain', 'Key', 'Low', 'High', 'Pending', 'Batches signed', 'Session', 'Aborts'],
      views.map((v) =>
        v.failure
          ? [String(v.chainId), { cell: v.failure, class: 'error' }, '', '', '', '', '', '']
          : {
              attributes: { dataset: { chain: String(v.chainId) } },
              cells: [
                { cell: num(v.chainId), class: 'num' },
                h('code', {}, v.keyId),
                { cell: num(v.low), class: 'num' },
                { cell: num(v.high), class: 'num' },
                { cell: num(v.pendingCount), class: 'num' },
                { cell: num(v.batchesSigned), class: 'num' },
                session(v.session),
                aborts(samples, String(v.chainId)),
              ],
            },
      ),
      { className: 'keysign' },
    ),
  );
}

function session(s) {
  if (!s) {
    return h('span', { class: 'muted' }, 'nothing to sign');
  }
  return h(
    'span',
    {},
    `batch ${num(s.batch)}, attempt ${num(s.attempt)}, `,
    s.coordinating ? badge('coordinating', 'ok') : h('span', {}, 'coordinator '),
    s.coordinating ? '' : shortHex(s.coordinator, 6),
  );
}

function aborts(samples, chain) {
  const byCause = samples
    .filter((s) => s.name === 'cachet_keysign_aborts_total' && s.tags.chain === chain)
    .filter((s) => s.value > 0);
  if (byCause.length === 0) {
    return h('span', { class: 'num' }, '0');
  }
  const sum = byCause.reduce((n, s) => n + s.value, 0);
  return h(
    'span',
    {},
    num(sum),
    h('span', { class: 'small muted' }, ` (${byCause.map((s) => `${s.tags.cause} ${num(s.value)}`).join(', ')})`),
  );
}
