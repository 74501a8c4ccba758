// The WebSocket connection loop of protocol §10.2, with the semantics of the Java SDK's Engine: connect,
// authenticate with the processed cursor, resume (ready → backlog → synced → live), dedupe updates by cursor,
// persist the cursor, coalesce acks, resend the outbox with the same clientIds, heartbeat, and reconnect with
// backoff. The browser's `offline`/`online` events cut and restore the connection at once.
import { Backoff } from './backoff.js';
import { AckCoalescer } from './acks.js';
import { Outbox } from './outbox.js';

const REVOKED = 4003;
const UNAUTHENTICATED = 4001;
const POLICY = 1008;
const FLOOD = 4008;

export function randomId() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * listener: { ready(frame, reset), update(event, cursor), synced(cursor), accepted(frame, entry),
 *   sendFailed(entry), outboxChanged(), presence(p), typing(t), state(s), terminated(code, reason) }
 */
export class Connection {
  constructor({ url, token, storage, listener, pingInterval = 20000, requestTimeout = 10000,
    sendRetryInterval = 10000, ackDelay = 50, ackBatch = 100, backoff = new Backoff() }) {
    Object.assign(this, { url, token, storage, listener, pingInterval, requestTimeout, sendRetryInterval, ackDelay });
    this.backoff = backoff;
    this.acks = new AckCoalescer(ackBatch);
    this.processed = storage.loadCursor();
    this.outbox = new Outbox(storage.loadOutbox(), (entries) => {
      storage.saveOutbox(entries);
      listener.outboxChanged?.();
    });
    this.requests = new Map(); // id → {frame, resolve, reject, timer, transmitted}
    this.ids = 0;
    this.failures = 0;
    this.link = null;
    this.generation = 0;
    this.closed = false;
    this.state = { phase: 'idle' };
    this.onOffline = () => this.link && this.lost(this.link, 1006, 'the browser went offline');
    this.onOnline = () => this.reconnectNow();
  }

  start() {
    addEventListener('offline', this.onOffline);
    addEventListener('online', this.onOnline);
    this.setState({ phase: 'connecting' });
    this.open();
  }

  close() {
    this.closed = true;
    removeEventListener('offline', this.onOffline);
    removeEventListener('online', this.onOnline);
    clearTimeout(this.reconnectTimer);
    const l = this.link;
    this.link = null;
    if (l) {
      this.flushAck(l);
      this.dropLink(l, 1000, 'client closed');
    }
    for (const r of this.requests.values()) this.settle(r, null, new Error('connection closed'));
    this.setState({ phase: 'closed', code: 1000 });
  }

  get ready() {
    return this.link != null && this.link.ready && !this.closed;
  }

  nextId(prefix) {
    return prefix + ++this.ids;
  }

  // ---- sends (outbox) ----

  /** Queues a message: {chatId, text?, replyTo?, kind?, mediaId?, media?}; returns the outbox entry. */
  send(fields) {
    const entry = this.outbox.add({ clientId: randomId(), createdAt: Date.now(), ...fields });
    if (this.ready) this.transmit(entry, this.link);
    return entry;
  }

  /** Sends a failed entry again, with its clientId. */
  retry(clientId) {
    const entry = this.outbox.unfail(clientId);
    if (entry && this.ready) this.transmit(entry, this.link);
  }

  discard(clientId) {
    return this.outbox.remove(clientId);
  }

  /** The message of `clientId` arrived in the update stream: it was accepted even if `accepted` got lost. */
  delivered(clientId) {
    const entry = this.outbox.remove(clientId);
    if (entry) clearTimeout(entry._retry);
    return entry;
  }

  transmit(entry, link) {
    clearTimeout(entry._retry);
    link.send(this.outbox.transmission(entry, this.nextId('s')));
    entry._retry = setTimeout(() => {
      if (this.outbox.get(entry.clientId) === entry && !entry.failed && this.link === link && link.ready) {
        this.transmit(entry, link);
      }
    }, this.sendRetryInterval);
  }

  // ---- requests ----

  /** Sends a request with a fresh id; resolves with its response frame, rejects with its error frame. */
  request(frame, { timeout = this.requestTimeout } = {}) {
    return new Promise((resolve, reject) => {
      const id = this.nextId('r');
      const r = { frame: { ...frame, id }, resolve, reject, transmitted: false };
      r.timer = setTimeout(() => this.settle(r, null, Object.assign(new Error(`no answer to ${frame.type}`),
        { code: 'timeout' })), timeout);
      this.requests.set(id, r);
      if (this.ready) this.transmitRequest(r, this.link);
    });
  }

  /** A frame without an id and without an answer (typing); dropped when not connected. */
  fire(frame) {
    if (!this.ready) return false;
    this.link.send(frame);
    return true;
  }

  transmitRequest(r, link) {
    r.transmitted = true;
    link.send(r.frame);
  }

  settle(r, value, error) {
    if (!this.requests.delete(r.frame.id)) return;
    clearTimeout(r.timer);
    if (error) r.reject(error);
    else r.resolve(value);
  }

  // ---- lifecycle ----

  reconnectNow() {
    if (this.closed || this.link) return;
    clearTimeout(this.reconnectTimer);
    this.failures = 0;
    this.open();
  }

  open() {
    this.reconnectTimer = null;
    if (this.closed) return;
    const l = { gen: ++this.generation, ready: false, authId: 'auth' + this.generation };
    this.link = l;
    let ws;
    try {
      ws = new WebSocket(this.url, ['parley.v1']);
    } catch (e) {
      this.lost(l, 1006, String(e));
      return;
    }
    l.ws = ws;
    l.send = (frame) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(frame));
    l.readyTimeout = setTimeout(() => this.lost(l, 1006, 'no ready frame in time'), this.requestTimeout);
    ws.onopen = () => {
      if (l !== this.link) return;
      const auth = { type: 'auth', id: l.authId, token: this.token };
      if (this.processed > 0) auth.cursor = this.processed;
      l.send(auth);
    };
    ws.onmessage = (ev) => {
      if (l !== this.link) return;
      let frame;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      this.onFrame(l, frame);
    };
    ws.onclose = (ev) => this.lost(l, ev.code || 1006, ev.reason);
    ws.onerror = () => {};
  }

  dropLink(l, code, reason) {
    clearTimeout(l.readyTimeout);
    clearTimeout(l.pingTimer);
    clearTimeout(l.pongDeadline);
    clearTimeout(this.ackTimer);
    this.ackTimer = null;
    if (l.ws) {
      l.ws.onclose = l.ws.onmessage = l.ws.onopen = null;
      try {
        l.ws.close(code === 1000 ? 1000 : 4000 <= code && code < 5000 ? code : 1000, reason);
      } catch {
        l.ws.close();
      }
    }
  }

  lost(l, code, reason) {
    if (l !== this.link) return;
    this.link = null;
    this.dropLink(l, 1000, 'reconnecting');
    for (const r of this.requests.values()) {
      if (r.transmitted) this.settle(r, null, Object.assign(new Error('connection lost'), { code: 'connection_lost' }));
    }
    if (this.closed) return;
    if (code === REVOKED) return this.terminate(code, reason || 'device revoked');
    if (code === UNAUTHENTICATED && l.authRefused) return this.terminate(code, reason);
    if (code === POLICY) return this.terminate(code, reason || 'too many invalid frames');
    const delay = Math.max(code === FLOOD ? 10000 : 0, this.backoff.delay(this.failures++));
    this.setState({ phase: 'offline', code, reason, retryAt: Date.now() + delay });
    this.reconnectTimer = setTimeout(() => this.open(), delay); // the `online` event may come sooner
  }

  terminate(code, reason) {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.setState({ phase: 'closed', code, reason });
    this.listener.terminated?.(code, reason);
  }

  setState(s) {
    this.state = s;
    this.listener.state?.(s);
  }

  // ---- inbound ----

  onFrame(l, f) {
    switch (f.type) {
      case 'ready': return this.onReady(l, f);
      case 'update': return this.onUpdate(l, f);
      case 'synced':
        this.flushAck(l);
        this.setState({ phase: 'live' });
        return this.listener.synced?.(f.cursor);
      case 'accepted': return this.onAccepted(f);
      case 'presence': return this.listener.presence?.(f.presence);
      case 'typing': return this.listener.typing?.(f);
      case 'error': return this.onError(l, f);
      case 'pong':
        if (f.id && f.id === l.pingId) return this.answered(l);
        break;
      case 'presences':
        for (const p of f.presences || []) this.listener.presence?.(p);
        break;
      default:
    }
    const r = f.id != null && this.requests.get(f.id);
    if (r) this.settle(r, f);
  }

  onReady(l, ready) {
    l.ready = true;
    clearTimeout(l.readyTimeout);
    this.failures = 0;
    let reset = false;
    if (ready.head < this.processed) { // the server knows less than we do (restored from a backup)
      reset = true;
      this.processed = ready.cursor;
      this.storage.saveCursor(this.processed);
    } else if (ready.cursor > this.processed) { // nothing at or below ready.cursor will come
      this.processed = ready.cursor;
      this.storage.saveCursor(this.processed);
    }
    this.acks.reset(ready.cursor);
    this.setState({ phase: 'syncing' });
    this.listener.ready?.(ready, reset);
    for (const entry of this.outbox.pending(true)) this.transmit(entry, l);
    for (const r of this.requests.values()) this.transmitRequest(r, l);
    this.schedulePing(l);
  }

  onUpdate(l, u) {
    if (!(u.cursor > this.processed)) return; // already applied
    try {
      this.listener.update?.(u.event || {}, u.cursor);
    } catch (e) {
      console.error('parley: applying update', u.cursor, 'failed; it counts as processed', e);
    }
    this.processed = u.cursor;
    this.storage.saveCursor(u.cursor);
    if (this.acks.processed(u.cursor)) this.flushAck(l);
    else if (!this.ackTimer) this.ackTimer = setTimeout(() => this.flushAck(this.link), this.ackDelay);
  }

  flushAck(l) {
    clearTimeout(this.ackTimer);
    this.ackTimer = null;
    if (!l || !l.ready) return;
    const cursor = this.acks.take();
    if (cursor != null) l.send({ type: 'ack', cursor });
  }

  onAccepted(a) {
    const entry = this.outbox.remove(a.clientId);
    if (entry) clearTimeout(entry._retry);
    this.listener.accepted?.(a, entry);
  }

  onError(l, e) {
    const id = e.id;
    if (id != null && id === l.authId) {
      if (e.code === 'unauthenticated') l.authRefused = true;
      return this.lost(l, e.code === 'unauthenticated' ? UNAUTHENTICATED : 1006, e.message);
    }
    if (id != null && id === l.pingId) return this.answered(l);
    if (id != null && this.outbox.isSendRequest(id)) {
      const entry = this.outbox.entryOfRequest(id);
      if (!entry) return;
      if (e.code === 'rate_limited' || e.code === 'internal') { // retry later with the same clientId
        clearTimeout(entry._retry);
        entry._retry = setTimeout(() => this.ready && this.transmit(entry, this.link), 1500);
        return;
      }
      clearTimeout(entry._retry);
      this.outbox.fail(entry.clientId, e.code, e.message);
      return this.listener.sendFailed?.(entry);
    }
    const r = id != null && this.requests.get(id);
    if (r) return this.settle(r, null, Object.assign(new Error(e.message), { code: e.code }));
    console.warn('parley: server error', e.code, e.message);
  }

  // ---- heartbeat: a ping every pingInterval; no answer within requestTimeout → the link is dead ----

  schedulePing(l) {
    clearTimeout(l.pingTimer);
    l.pingTimer = setTimeout(() => {
      if (l !== this.link) return;
      l.pingId = this.nextId('hb');
      l.send({ type: 'ping', id: l.pingId });
      l.pongDeadline = setTimeout(() => this.lost(l, 1006, 'no pong in time'), this.requestTimeout);
    }, this.pingInterval);
  }

  answered(l) {
    l.pingId = null;
    clearTimeout(l.pongDeadline);
    this.schedulePing(l);
  }
}
