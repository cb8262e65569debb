// The node's MicroProfile metrics in the Prometheus text format, read by the page: samples by
// name and tags, and rates computed from successive readings of counters (the node keeps totals;
// the page keeps the last minutes of readings itself).

/** Parses `name{tag="value",…} 12.0` lines; comments and malformed lines are skipped. */
export function parseMetrics(text) {
  const samples = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const sample = parseLine(line);
    if (sample) {
      samples.push(sample);
    }
  }
  return samples;
}

function parseLine(line) {
  const brace = line.indexOf('{');
  const space = line.indexOf(' ');
  if (space < 0) {
    return null;
  }
  let name;
  let tags = {};
  let rest;
  if (brace >= 0 && brace < space) {
    name = line.slice(0, brace);
    const parsed = parseTags(line, brace + 1);
    if (!parsed) {
      return null;
    }
    tags = parsed.tags;
    rest = line.slice(parsed.end + 1).trim();
  } else {
    name = line.slice(0, space);
    rest = line.slice(space + 1).trim();
  }
  const value = Number(rest.split(/\s+/)[0]);
  return Number.isNaN(value) ? null : { name, tags, value };
}

/** Tags from just after '{' to the matching '}': returns the tags and the index of the '}'. */
function parseTags(line, start) {
  const tags = {};
  let i = start;
  while (i < line.length) {
    while (line[i] === ',' || line[i] === ' ') {
      i++;
    }
    if (line[i] === '}') {
      return { tags, end: i };
    }
    const eq = line.indexOf('=', i);
    if (eq < 0 || line[eq + 1] !== '"') {
      return null;
    }
    const key = line.slice(i, eq).trim();
    let value = '';
    let j = eq + 2;
    for (; j < line.length && line[j] !== '"'; j++) {
      if (line[j] === '\\' && j + 1 < line.length) {
        j++;
        value += line[j] === 'n' ? '\n' : line[j];
      } else {
        value += line[j];
      }
    }
    if (j >= line.length) {
      return null;
    }
    tags[key] = value;
    i = j + 1;
  }
  return null;
}

/** The sum of every sample of `name` whose tags match `where` (all given tags equal). */
export function total(samples, name, where = {}) {
  let sum = 0;
  for (const s of samples) {
    if (s.name === name && Object.entries(where).every(([k, v]) => s.tags[k] === v)) {
      sum += s.value;
    }
  }
  return sum;
}

/** The distinct values of tag `tag` among the samples of `name`. */
export function tagValues(samples, name, tag) {
  const values = new Set();
  for (const s of samples) {
    if (s.name === name && tag in s.tags) {
      values.add(s.tags[tag]);
    }
  }
  return [...values];
}

/**
 * Readings of a set of counters over time, and their rates: each point is the rate since the
 * reading `spanMillis` before it (or the oldest one), so that a counter stepping once a slot reads
 * as a steady rate and not as spikes between readings a few seconds apart. A counter that went
 * down (the node restarted) gives no rate until the readings before the drop are out of the span.
 */
export class RateSeries {
  constructor(windowMillis, spanMillis) {
    this.windowMillis = windowMillis;
    this.spanMillis = spanMillis;
    this.readings = [];
  }

  /** Adds a reading `{series: total}` taken at `at` (milliseconds) and forgets old ones. */
  add(at, totals) {
    const last = this.readings[this.readings.length - 1];
    if (last && at <= last.at) {
      return;
    }
    this.readings.push({ at, totals });
    while (
      this.readings.length > 2 &&
      this.readings[0].at < at - this.windowMillis - this.spanMillis
    ) {
      this.readings.shift();
    }
  }

  /** For each series, the points {at, rate} (per second), one for each reading but the first. */
  rates(series) {
    const out = Object.fromEntries(series.map((name) => [name, []]));
    let from = 0;
    for (let i = 1; i < this.readings.length; i++) {
      const after = this.readings[i];
      while (from < i - 1 && this.readings[from + 1].at <= after.at - this.spanMillis) {
        from++;
      }
      const before = this.readings[from];
      const seconds = (after.at - before.at) / 1000;
      for (const name of series) {
        const delta = (after.totals[name] || 0) - (before.totals[name] || 0);
        if (seconds > 0 && delta >= 0 && !this.dropped(name, from, i)) {
          out[name].push({ at: after.at, rate: delta / seconds });
        }
      }
    }
    return out;
  }

  /** Whether `name` went down between readings `from` and `to`. */
  dropped(name, from, to) {
    for (let k = from + 1; k <= to; k++) {
      if ((this.readings[k].totals[name] || 0) < (this.readings[k - 1].totals[name] || 0)) {
        return true;
      }
    }
    return false;
  }
}
