// Node: version and identity (admin), database, readiness with each check's reason, and the
// chain clock with the position of the current slot in its epoch.

import { isUnauthorized } from '../api.js';
import { badge, bar, facts, h, needsToken, num, shortHex } from '../dom.js';


export async function render(ctx) {
  const [chain, ready, node] = await Promise.all([
    ctx.chain(),
    ctx.getAny('/health/ready'),
    ctx.admin ? ctx.adminGet('/api/v1/admin/node').catch(adminFailure) : null,
  ]);
  const database = (ready.checks || []).find((c) => c.name === 'database');
  const product = (node && node.database) || (database && database.data && database.data.product);
  const slotInEpoch = chain.currentSlot - chain.currentEpoch * chain.slotsPerEpoch;
  return h(
    'div',
    {},
    facts([
      ['Readiness', readiness(ready)],
      node && ['Version', node.version],
      node && ['Identity key', shortHex(node.identityKey)],
      ['Database', product ? databaseName(product) : h('span', { class: 'muted' }, 'not answering')],
      node && node.blobs && ['Blobs', `${num(node.blobs.count)} (${num(node.blobs.bytes)} bytes)`],
      ['Genesis', h('time', { datetime: chain.genesisTime }, chain.genesisTime)],
      ['Slot', `${num(chain.currentSlot)} (${chain.secondsPerSlot} s each)`],
      ['Epoch', `${num(chain.currentEpoch)} (${num(chain.slotsPerEpoch)} slots)`],
    ]),
    bar(slotInEpoch + 1, chain.slotsPerEpoch, `slot ${slotInEpoch + 1} of ${chain.slotsPerEpoch}`, {
      name: 'position in the epoch',
    }),
    checks(ready),
    node ? null : needsToken('The version and the identity key'),
    node && node.refused ? node.refused : null,
  );
}

/** The admin part failed: a refused token is the page's to tell; anything else is this panel's. */
function adminFailure(e) {
  if (isUnauthorized(e)) {
    throw e;
  }
  return { refused: h('p', { class: 'error' }, `The admin view failed: ${e.message}`) };
}

/** The product as the node names it ("H2 2.2.224 (2023-09-17)", "PostgreSQL 14.22"). */
function databaseName(product) {
  const kind = /postgres/i.test(product) ? 'PostgreSQL' : /^h2\b/i.test(product) ? 'H2' : null;
  return kind && !product.startsWith(kind) ? `${kind} (${product})` : product;
}

function readiness(ready) {
  return ready.status === 'UP' ? badge('ready', 'ok') : badge('not ready', 'bad');
}

function checks(ready) {
  const rows = (ready.checks || []).map((check) =>
    h(
      'tr',
      { dataset: { check: check.name } },
      h('td', {}, check.name),
      h('td', {}, check.status === 'UP' ? badge('UP', 'ok') : badge(check.status, 'bad')),
      h(
        'td',
        { class: 'reason' },
        Object.entries(check.data || {})
          .map(([key, value]) => `${key}: ${value}`)
          .join('; '),
      ),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'checks' },
      h('caption', {}, 'Readiness checks'),
      h('tbody', {}, rows),
    ),
  );
}
