// Validator keys: one row per key, and a progress bar with leaves done of leaves total and the
// time left while a tree of the key is built (`preparation` of GET /api/v1/keys).

import { badge, bar, duration, h, num, table } from '../dom.js';


const TONES = { ACTIVE: 'ok', PREPARING: 'warn', EXHAUSTED: 'bad', RETIRED: 'muted' };

export async function render(ctx) {
  const { keys } = await ctx.get('/api/v1/keys');
  const rows = keys.map((key) => ({
    attributes: { dataset: { key: `${key.validatorIndex}/${key.role.toLowerCase()}` } },
    cells: [
      { cell: num(key.validatorIndex), class: 'num' },
      key.role.toLowerCase(),
      badge(key.state, TONES[key.state]),
      key.fromSlot === undefined || key.fromSlot === null
        ? h('span', { class: 'muted' }, 'none yet')
        : `${num(key.fromSlot)}..${num(key.toSlot)}`,
      { cell: num(key.highestSignedSlot), class: 'num' },
      { cell: num(key.slotsLeft), class: 'num' },
      preparation(key),
    ],
  }));
  return table(
    ['Validator', 'Role', 'State', 'Window', 'Highest signed', 'Slots left', 'Preparation'],
    rows,
    { empty: 'No keys yet: generate one with POST /api/v1/admin/keys.', className: 'keys' },
  );
}

function preparation(key) {
  const p = key.preparation;
  if (!p) {
    return key.preparing
      ? h('span', { class: 'muted' }, 'loading its stored window')
      : h('span', { class: 'muted' }, '–');
  }
  const waiting = !p.startedAt;
  const label = `${num(p.leavesDone)} / ${num(p.leavesTotal)} leaves${
    waiting ? ', queued' : ''
  } · ${duration(p.etaSeconds)} left`;
  return h(
    'div',
    { class: 'preparation' },
    bar(p.leavesDone, p.leavesTotal, label, {
      tone: waiting ? 'queued' : 'busy',
      name: `preparation of tree ${p.tree} of validator ${key.validatorIndex} ${key.role}`,
    }),
    h('span', { class: 'small muted' }, `tree ${num(p.tree)}`),
  );
}
