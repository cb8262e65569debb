// Committee and handoff: the current and next committee with stake, each peer's health (admin),
// the current epoch's handoff phase, frozen set and signed stake against the quorum, and the
// latest certificate's epoch.

import { isUnauthorized } from '../api.js';
import { ago, badge, bar, facts, h, needsToken, num, shortHex, table } from '../dom.js';


const CIRCUIT_TONES = { CLOSED: 'ok', HALF_OPEN: 'warn', OPEN: 'bad' };

export async function render(ctx) {
  const chain = await ctx.chain();
  const epoch = chain.currentEpoch;
  const [current, next, handoff, latest, peers, node] = await Promise.all([
    ctx.committee(epoch),
    ctx.committee(epoch + 1),
    current0(ctx, epoch),
    ctx.getOrNull('/api/v1/handoff/certificates/latest'),
    ctx.admin ? ctx.adminGet('/api/v1/admin/peers').catch(peerFailure) : null,
    ctx.admin ? ctx.adminGet('/api/v1/admin/node').catch(() => null) : null,
  ]);
  const health = new Map(((peers && peers.peers) || []).map((p) => [p.identityKey, p]));
  const self = node && node.identityKey;
  return h(
    'div',
    {},
    committeeSection(`Epoch ${num(epoch)} (current)`, current, health, self, ctx),
    committeeSection(`Epoch ${num(epoch + 1)} (next)`, next, health, self, ctx),
    ctx.admin
      ? peers && peers.failure
        ? h('p', { class: 'error' }, peers.failure)
        : null
      : needsToken('Each peer’s health (last success, circuit)'),
    handoffSection(epoch, current, handoff),
    h(
      'p',
      {},
      'Latest certificate: ',
      latest
        ? h('strong', {}, `epoch ${num(latest.epoch)}`)
        : h('span', { class: 'muted' }, 'none yet'),
      latest ? ` (signed stake ${num(latest.signedStake)} of ${num(latest.totalStake)})` : '',
    ),
  );
}

async function current0(ctx, epoch) {
  try {
    return await ctx.get(`/api/v1/handoff/${epoch}`);
  } catch (e) {
    return { unavailable: e.message };
  }
}

function peerFailure(e) {
  if (isUnauthorized(e)) {
    throw e;
  }
  return { peers: [], failure: `Peer health failed: ${e.message}` };
}

function committeeSection(heading, committee, health, self, ctx) {
  if (!committee) {
    return h('section', {}, h('h3', {}, heading), h('p', { class: 'muted' }, 'No committee set.'));
  }
  const rows = committee.members.map((m) => {
    const peer = health.get(m.identityKey);
    const isSelf = self && m.identityKey === self;
    return {
      attributes: { dataset: { member: m.name } },
      cells: [
        h('span', {}, m.name, isSelf ? badge('this node', 'muted') : ''),
        shortHex(m.identityKey, 6),
        {
          cell: bar(m.stake, committee.totalStake, num(m.stake), { name: `stake of ${m.name}` }),
          class: 'stake',
        },
        isSelf ? '–' : peer ? ago(peer.lastSuccess, ctx.now) : unknownHealth(ctx),
        isSelf
          ? '–'
          : peer
            ? h(
                'span',
                { title: peer.lastFailureCause || '' },
                badge(peer.circuit, CIRCUIT_TONES[peer.circuit]),
                peer.consecutiveFailures > 0 ? ` ${peer.consecutiveFailures} failed` : '',
              )
            : unknownHealth(ctx),
      ],
    };
  });
  return h(
    'section',
    {},
    h('h3', {}, heading),
    h(
      'p',
      { class: 'small' },
      `${committee.members.length} member(s), stake ${num(committee.totalStake)}, quorum ${num(
        committee.quorumStake,
      )}`,
    ),
    table(['Member', 'Identity', 'Stake', 'Last success', 'Circuit'], rows),
  );
}

/** A peer's health without a report: none yet, or not readable without the admin token. */
function unknownHealth(ctx) {
  return ctx.admin
    ? h('span', { class: 'muted' }, '–')
    : h('span', { class: 'muted', title: 'needs the admin token' }, 'admin only');
}

function handoffSection(epoch, committee, view) {
  const heading = h('h3', {}, `Handoff of epoch ${num(epoch)}`);
  if (!view || view.unavailable) {
    return h(
      'section',
      {},
      heading,
      h('p', { class: 'muted' }, view ? view.unavailable : 'unknown'),
    );
  }
  const quorum = committee ? committee.quorumStake : 0;
  const frozen = view.frozen;
  return h(
    'section',
    { dataset: { phase: view.phase } },
    heading,
    facts([
      ['Phase', badge(view.phase, view.phase === 'CERTIFIED' ? 'ok' : 'warn')],
      [
        'Frozen set',
        frozen
          ? `${num(frozen.items.length)} item(s), ${num(frozen.readySigners)} ready signer(s)` +
            (frozen.excluded.length ? `, ${frozen.excluded.length} excluded` : '')
          : h('span', { class: 'muted' }, 'not frozen yet'),
      ],
      ['Signatures', num(view.signatures)],
    ]),
    committee
      ? bar(
          view.signedStake,
          quorum,
          `signed stake ${num(view.signedStake)} of ${num(quorum)} for a quorum`,
          { tone: view.signedStake >= quorum && quorum > 0 ? 'done' : '', name: 'handoff quorum' },
        )
      : h('p', { class: 'muted' }, 'no committee: no quorum'),
  );
}
