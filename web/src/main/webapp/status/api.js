// The node's HTTP API as the page reads it: JSON answers, the node's JSON error body, and the
// admin token in an Authorization header only (never in a URL, never in the page's markup).

const TOKEN_KEY = 'cachet.adminToken';

/** An answer that is not 2xx: its status and the node's {"error", "message"} when it sent one. */
export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(`${status} ${code}${message ? `: ${message}` : ''}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = message;
    this.body = body;
  }
}

/** The node did not answer at all (stopped, restarting, or the network is down). */
export class Unreachable extends Error {
  constructor(path, cause) {
    super(`the node did not answer ${path}: ${cause && cause.message ? cause.message : cause}`);
    this.name = 'Unreachable';
  }
}

/** The admin token, kept for this browser tab only (sessionStorage), or null. */
export const adminToken = {
  get() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // nothing stored
    }
  },
};

async function send(method, path, { admin = false, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  if (admin) {
    const token = adminToken.get();
    if (!token) {
      throw new ApiError(401, 'UNAUTHORIZED', 'no admin token entered');
    }
    headers.Authorization = `Bearer ${token}`;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new Unreachable(path, e);
  }
  const text = await response.text();
  if (!response.ok) {
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      // not the node's JSON error (a proxy's page, say)
    }
    throw new ApiError(
      response.status,
      (body && body.error) || `HTTP_${response.status}`,
      (body && body.message) || '',
      body,
    );
  }
  return { text, status: response.status };
}

/** GET a JSON answer. */
export async function getJson(path, options = {}) {
  return JSON.parse((await send('GET', path, options)).text);
}

/**
 * GET a JSON answer whose error statuses also carry JSON the page shows (readiness answers 503
 * with every check while it is down).
 */
export async function getJsonAnyStatus(path) {
  try {
    return await getJson(path);
  } catch (e) {
    if (e instanceof ApiError && e.body && typeof e.body === 'object' && 'status' in e.body) {
      return e.body;
    }
    throw e;
  }
}

/** GET a text answer (the metrics). */
export async function getText(path, options = {}) {
  return (await send('GET', path, { ...options, accept: 'text/plain' })).text;
}

/** POST without a body, with the admin token (the page's only write: the vault's rewrap). */
export async function postAdmin(path) {
  return JSON.parse((await send('POST', path, { admin: true })).text);
}

/** Whether an error means "there is none of it" (404), as opposed to a failure. */
export function isNotFound(e) {
  return e instanceof ApiError && e.status === 404;
}

/** Whether an error is the node refusing the admin token. */
export function isUnauthorized(e) {
  return e instanceof ApiError && e.status === 401;
}
