// Checkpoints: the last 20 slots, newest first, as this node saw each (GET
// /api/v1/checkpoint/slots/{slot}): the proposer, the outcome here (attested, or the reason it was
// not) and whether the published checkpoint reached this node. A slot two or more behind the
// current one no longer changes, so it is read once and kept.

import { badge, h, num, shortHex, table } from '../dom.js';


const SLOTS = 20;
const SETTLED_BEHIND = 2;

export async function render(ctx) {
  const chain = await ctx.chain();
  const cache = (ctx.state.slots ||= new Map());
  const current = chain.currentSlot;
  const first = Math.max(0, current - SLOTS + 1);
  for (const slot of cache.keys()) {
    if (slot < first || slot > current) {
      cache.delete(slot); // out of view, or a clock that went back (a restarted node)
    }
  }
  const slots = [];
  for (let s = current; s >= first; s--) {
    slots.push(s);
  }
  const names = await memberNames(ctx, chain);
  const views = await Promise.all(
    slots.map(async (slot) => {
      if (cache.has(slot)) {
        return cache.get(slot);
      }
      const view = await ctx.get(`/api/v1/checkpoint/slots/${slot}`);
      if (slot <= current - SETTLED_BEHIND) {
        cache.set(slot, view);
      }
      return view;
    }),
  );
  if (views.every((v) => !v.proposer)) {
    return h(
      'p',
      { class: 'muted' },
      'No committee names a validator for these slots: no checkpoints to attest.',
    );
  }
  return table(
    ['Slot', 'Proposer', 'Blocks', 'Outcome here', 'Published'],
    views.map((v) => ({
      attributes: { dataset: { slot: String(v.slot) } },
      cells: [
        { cell: num(v.slot), class: 'num' },
        v.proposer
          ? names.get(v.proposer) || shortHex(v.proposer, 6)
          : h('span', { class: 'muted' }, 'none'),
        { cell: `${num(v.blocksExecuted)}/${num(v.blocksReceived)}`, class: 'num' },
        outcome(v, current),
        v.published ? badge('published', 'ok') : h('span', { class: 'muted' }, 'no'),
      ],
    })),
    { className: 'checkpoints' },
  );
}

function outcome(view, current) {
  if (view.outcome === 'ATTESTED') {
    return badge('attested', 'ok');
  }
  if (view.outcome === 'NOT_ATTESTED') {
    return h('span', {}, badge('not attested', 'bad'), ` ${(view.reason || '').replaceAll('_', ' ')}`);
  }
  return h('span', { class: 'muted' }, view.slot >= current ? 'in progress' : 'no job here');
}

/** Members' names by identity key, from the committees of the epochs these slots are in. */
async function memberNames(ctx, chain) {
  const names = new Map();
  const epochs = new Set([chain.currentEpoch, Math.max(0, chain.currentEpoch - 1)]);
  for (const epoch of epochs) {
    const committee = await ctx.committee(epoch);
    for (const m of (committee && committee.members) || []) {
      names.set(m.identityKey, m.name);
    }
  }
  return names;
}
