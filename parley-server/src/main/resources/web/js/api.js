// The HTTP API (§5 of the protocol): JSON in, JSON out, errors as ApiError with the protocol's code.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

export async function call(method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', 'cannot reach the server');
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const err = json && json.error;
    throw new ApiError(response.status, err ? err.code : 'http_' + response.status, err ? err.message : text);
  }
  return json;
}

/** The calls of a logged-in device. */
export class Api {
  constructor(token) {
    this.token = token;
  }

  get(path) {
    return call('GET', path, { token: this.token });
  }

  post(path, body) {
    return call('POST', path, { token: this.token, body });
  }

  me() {
    return this.get('/v1/me');
  }

  devices() {
    return this.get('/v1/devices').then((r) => r.devices);
  }

  revokeDevice(id) {
    return call('DELETE', '/v1/devices/' + encodeURIComponent(id), { token: this.token });
  }

  logout() {
    return call('DELETE', '/v1/sessions/current', { token: this.token });
  }

  user(id) {
    return this.get('/v1/users/' + encodeURIComponent(id));
  }

  /** A user by username, or by phone when the text starts with '+'. */
  findUser(text) {
    const q = text.trim();
    const param = q.startsWith('+') ? 'phone=' + encodeURIComponent(q.replace(/[\s()-]/g, ''))
      : 'username=' + encodeURIComponent(q.replace(/^@/, ''));
    return this.get('/v1/users?' + param);
  }
}

export function register({ username, phone, password, displayName }) {
  const body = { password };
  if (username) body.username = username;
  if (phone) body.phone = phone;
  if (displayName) body.displayName = displayName;
  return call('POST', '/v1/accounts', { body });
}

export function login(loginName, password, deviceName) {
  return call('POST', '/v1/sessions', { body: { login: loginName, password, deviceName } });
}
