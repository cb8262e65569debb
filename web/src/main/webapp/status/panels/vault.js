// State vault (admin): the records' metadata (never plaintext), the key provider, and the rewrap
// button — the only write this page can make, asked for twice before it is sent.

import { postAdmin } from '../api.js';
import { ago, h, needsToken, num, table } from '../dom.js';


export async function render(ctx) {
  if (!ctx.admin) {
    return needsToken('The vault’s records and the rewrap');
  }
  const { records } = await ctx.adminGet('/api/v1/admin/state');
  const providers = [...new Set(records.map((r) => r.provider))];
  const keyIds = [...new Set(records.map((r) => r.keyId))];
  return h(
    'div',
    { class: 'vault' },
    h(
      'p',
      {},
      'Key provider: ',
      h('strong', {}, providers.length ? providers.join(', ') : 'none used yet'),
      keyIds.length > 1 ? h('span', { class: 'warn-text' }, ` · ${keyIds.length} keys in use`) : '',
    ),
    table(
      ['Record', 'Generation', 'Key id', 'Size', 'Updated'],
      records.map((r) => ({
        attributes: { dataset: { record: r.name } },
        cells: [
          h('code', {}, r.name),
          { cell: num(r.generation), class: 'num' },
          h('span', { class: 'hex', title: r.keyId }, shortKeyId(r.keyId)),
          { cell: num(r.size), class: 'num' },
          ago(r.updatedAt, ctx.now),
        ],
      })),
      { empty: 'No records yet.', className: 'records' },
    ),
    rewrap(ctx),
  );
}

/** "sha256:" and the first hex digits of the key's hash (the whole id in the tooltip). */
function shortKeyId(keyId) {
  return keyId && keyId.length > 16 ? `${keyId.slice(0, 15)}…` : keyId;
}

/** The rewrap button, its confirmation and the last answer (kept across refreshes). */
function rewrap(ctx) {
  const state = ctx.state;
  const box = h('div', { class: 'rewrap' });
  const draw = () => {
    box.replaceChildren();
    if (state.confirming) {
      box.append(
        h('p', {}, 'Re-encrypt every record that is not under the current state key, now?'),
        h(
          'button',
          { type: 'button', class: 'danger', onclick: () => send(ctx, draw) },
          'Yes, rewrap',
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              state.confirming = false;
              draw();
            },
          },
          'Cancel',
        ),
      );
    } else {
      box.append(
        h(
          'button',
          {
            type: 'button',
            disabled: state.sending,
            onclick: () => {
              state.confirming = true;
              draw();
            },
          },
          state.sending ? 'Rewrapping…' : 'Rewrap records…',
        ),
      );
    }
    if (state.answer) {
      box.append(h('p', { class: state.answer.tone, role: 'status' }, state.answer.text));
    }
  };
  draw();
  return box;
}

async function send(ctx, draw) {
  const state = ctx.state;
  state.confirming = false;
  state.sending = true;
  draw();
  try {
    const answer = await postAdmin('/api/v1/admin/state/rewrap');
    state.answer = { tone: 'ok-text', text: `Rewrapped: ${num(answer.rewritten)} record(s).` };
  } catch (e) {
    state.answer = { tone: 'error', text: `The rewrap failed: ${e.message}` };
  } finally {
    state.sending = false;
    draw();
    ctx.refreshSoon();
  }
}
