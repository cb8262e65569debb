// Building the page's DOM from the node's answers: text only (never HTML from data), so nothing
// a peer or a client stored can run in the operator's page.

/** An element: h('td', {class: 'num', title: 'x'}, 'text', otherNode, …); null children skipped. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A whole number with thousands separators; '–' for none. */
export function num(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  return Number(value).toLocaleString('en-US');
}

/** A long hex string as its first and last characters, the whole in the tooltip. */
export function shortHex(hex, keep = 8) {
  if (!hex) {
    return h('span', { class: 'muted' }, '–');
  }
  const text = hex.length > 2 * keep + 1 ? `${hex.slice(0, keep)}…${hex.slice(-keep)}` : hex;
  return h('span', { class: 'hex', title: hex }, text);
}

/** Seconds as "1 h 2 min", "3 min 4 s" or "5 s". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return '–';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) {
    return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  }
  if (s >= 60) {
    return `${Math.floor(s / 60)} min ${s % 60} s`;
  }
  return `${s} s`;
}

/** An ISO-8601 instant as "12 s ago", the instant itself in the tooltip. */
export function ago(iso, now = Date.now()) {
  if (!iso) {
    return h('span', { class: 'muted' }, 'never');
  }
  const at = Date.parse(iso);
  if (Number.isNaN(at)) {
    return h('span', {}, iso);
  }
  const seconds = (now - at) / 1000;
  const text = seconds >= 0 ? `${duration(seconds)} ago` : `in ${duration(-seconds)}`;
  return h('time', { datetime: iso, title: iso }, text);
}

/**
 * A horizontal bar for a part of a whole, with its own label: role=progressbar and the numbers in
 * aria attributes, so that assistive tools (and the browser test) read what a person sees.
 */
export function bar(value, max, label, { tone = '', name = '' } = {}) {
  const fraction = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const fill = h('span', { class: 'bar-fill' });
  fill.style.width = `${(fraction * 100).toFixed(1)}%`;
  return h(
    'div',
    {
      class: `bar ${tone}`.trim(),
      role: 'progressbar',
      'aria-valuemin': 0,
      'aria-valuemax': max,
      'aria-valuenow': value,
      'aria-label': name || label,
      dataset: { value: String(value), max: String(max) },
    },
    fill,
    h('span', { class: 'bar-label' }, label),
  );
}

/** A table with a header row; rows are arrays of cells (strings, nodes, or {cell, class}). */
export function table(headers, rows, { empty = 'none', className = '' } = {}) {
  if (rows.length === 0) {
    return h('p', { class: 'muted' }, empty);
  }
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: className },
      h('thead', {}, h('tr', {}, headers.map((title) => h('th', { scope: 'col' }, title)))),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            row.attributes || {},
            (row.cells || row).map((cell) =>
              cell && typeof cell === 'object' && 'cell' in cell
                ? h('td', { class: cell.class || null }, cell.cell)
                : h('td', {}, cell),
            ),
          ),
        ),
      ),
    ),
  );
}

/** A list of label–value pairs. */
export function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(Boolean).flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
  );
}

/** A short status word with a colour: ok, warn, bad or muted. */
export function badge(text, tone) {
  return h('span', { class: `badge ${tone || ''}`.trim() }, text);
}

/** What a panel shows in place of data it may not read without the admin token. */
export function needsToken(what) {
  return h(
    'p',
    { class: 'locked' },
    h('strong', {}, 'Admin token needed: '),
    `${what} (enter the token at the top of the page).`,
  );
}
