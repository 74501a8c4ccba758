// The in-memory model of one logged-in device: chats, loaded messages, users, presence and typing, kept
// up to date from getChats, getHistory and the update stream (protocol §6.7, §10.2, §11.4, §12). Views read
// it and subscribe to change topics: 'chats', 'chat' (chatId), 'presence', 'typing', 'users', 'conn'.
import { applySystem } from './system.js';
import { History } from './history.js';

export class Store {
  constructor({ me, api }) {
    this.me = me;
    this.api = api;
    this.conn = null;
    this.chats = new Map();
    this.convs = new Map();
    this.users = new Map([[me.id, me]]);
    this.userFetches = new Map();
    this.presence = new Map();
    this.typing = new Map();
    this.listeners = new Set();
    this.connState = { phase: 'connecting' };
    this.chatsLoaded = false;
    this.uploads = new Map();
    this.around = new Set();
  }

  on(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(topic, detail) {
    for (const fn of this.listeners) fn(topic, detail);
  }

  request(frame, opts) {
    return this.conn.request(frame, opts);
  }

  // ---- users ----

  user(id) {
    const u = this.users.get(id);
    if (!u && !this.userFetches.has(id)) {
      this.userFetches.set(id, this.api.user(id).then((found) => this.addUser(found), () => null));
    }
    return u;
  }

  addUser(u) {
    if (!u || !u.id) return;
    const old = this.users.get(u.id);
    this.users.set(u.id, { ...old, ...u });
    if (!old || old.displayName !== u.displayName) this.emit('users', u.id);
  }

  nameOf(id) {
    if (id === this.me.id) return 'You';
    const u = this.user(id);
    return u ? u.displayName || u.username || u.phone : `User ${id}`;
  }

  chatTitle(chat) {
    if (chat.kind === 'group') return chat.group?.name || 'Group';
    return chat.peer ? chat.peer.displayName || chat.peer.username || chat.peer.phone : 'Chat';
  }

  // ---- chats ----

  sortedChats() {
    const pendingAt = new Map();
    for (const e of this.conn?.outbox.pending() || []) pendingAt.set(e.chatId, e.createdAt);
    const activity = (c) => Math.max(c.lastMessage?.ts || c.createdAt || 0, pendingAt.get(c.id) || 0);
    return [...this.chats.values()].sort((a, b) => activity(b) - activity(a) || b.id - a.id);
  }

  async loadChats() {
    const r = await this.request({ type: 'getChats' });
    for (const c of r.chats || []) this.mergeChat(c);
    this.chatsLoaded = true;
    this.emit('chats');
  }

  scheduleRefresh() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.loadChats().catch(() => {}), 150);
  }

  /** Merges a Chat from the server with what we have; watermarks and seqs only move forward. */
  mergeChat(c) {
    if (c.peer) this.addUser(c.peer);
    const old = this.chats.get(c.id);
    const fresh = { ...c, members: c.members || [], active: c.active !== false, readSeq: c.readSeq || 0 };
    fresh.groupReceipt = this.initialGroupReceipt(fresh);
    if (!old) {
      this.chats.set(c.id, fresh);
      return fresh;
    }
    const newer = fresh.lastSeq >= old.lastSeq;
    const merged = newer ? fresh : { ...old };
    merged.lastSeq = Math.max(old.lastSeq, fresh.lastSeq);
    merged.lastMessage = (old.lastMessage?.seq || 0) > (fresh.lastMessage?.seq || 0) ? old.lastMessage : fresh.lastMessage;
    merged.readSeq = Math.max(old.readSeq || 0, fresh.readSeq);
    merged.members = merged.members.map((m) => {
      const o = old.members.find((x) => x.userId === m.userId);
      const f = fresh.members.find((x) => x.userId === m.userId);
      return { ...m, deliveredSeq: Math.max(o?.deliveredSeq || 0, f?.deliveredSeq || 0, m.deliveredSeq || 0),
        readSeq: maxOrNull(o?.readSeq, f?.readSeq, m.readSeq) };
    });
    merged.groupReceipt = {
      deliveredSeq: Math.max(old.groupReceipt?.deliveredSeq || 0, fresh.groupReceipt?.deliveredSeq || 0),
      readSeq: Math.max(old.groupReceipt?.readSeq || 0, fresh.groupReceipt?.readSeq || 0),
    };
    if (!newer || fresh.readSeq < (old.readSeq || 0)) merged.unread = old.unread;
    if (old.readRequested >= merged.lastSeq) {
      merged.readRequested = old.readRequested;
      merged.unread = 0;
    }
    this.chats.set(c.id, merged);
    return merged;
  }

  initialGroupReceipt(chat) {
    if (chat.kind !== 'group') return null;
    const others = chat.members.filter((m) => m.userId !== this.me.id);
    if (!others.length) return { deliveredSeq: 0, readSeq: 0 };
    return {
      deliveredSeq: Math.min(...others.map((m) => m.deliveredSeq || 0)),
      readSeq: Math.min(...others.map((m) => m.readSeq || 0)),
    };
  }

  member(chat, userId) {
    return chat.members.find((m) => m.userId === userId);
  }

  myRole(chat) {
    return this.member(chat, this.me.id)?.role;
  }

  isAdmin(chat) {
    const r = this.myRole(chat);
    return r === 'owner' || r === 'admin';
  }

  peerId(chat) {
    return chat.peer ? chat.peer.id : chat.members.find((m) => m.userId !== this.me.id)?.userId;
  }

  /** 'sent' | 'delivered' | 'read' for my message at `seq` (protocol §10.2 "Receipts UI", §11.5). */
  tick(chat, seq) {
    if (chat.kind === 'group') {
      const g = chat.groupReceipt || { deliveredSeq: 0, readSeq: 0 };
      return g.readSeq >= seq ? 'read' : g.deliveredSeq >= seq ? 'delivered' : 'sent';
    }
    const peer = this.member(chat, this.peerId(chat));
    if (!peer) return 'sent';
    if (peer.readSeq != null && peer.readSeq >= seq) return 'read';
    return peer.deliveredSeq >= seq ? 'delivered' : 'sent';
  }

  // ---- the update stream ----

  apply(event) {
    switch (event.kind) {
      case 'message': return this.onMessage(event.message);
      case 'receipt': return this.onReceipt(event);
      case 'groupReceipt': return this.onGroupReceipt(event);
      case 'chat': return this.scheduleRefresh();
      case 'joinRequest': return this.emit('joinRequest', event);
      case 'expired': return this.onExpired(event);
      default: // unknown kinds are ignored; their cursor still counts as processed
    }
  }

  onMessage(m) {
    if (!m || m.chatId == null) return;
    const conv = this.conv(m.chatId);
    this.insert(conv, m);
    if (m.senderId === this.me.id && m.clientId) this.conn.delivered(m.clientId);
    this.clearTyping(m.chatId, m.senderId);
    const chat = this.chats.get(m.chatId);
    if (!chat) {
      this.scheduleRefresh();
      return;
    }
    if (m.seq > chat.lastSeq) {
      chat.lastSeq = m.seq;
      chat.lastMessage = m;
      if (m.senderId !== this.me.id && m.kind !== 'system' && m.seq > chat.readSeq) chat.unread = (chat.unread || 0) + 1;
      if (m.kind === 'system') applySystem(this, chat, m);
    }
    if (conv.newest) this.scheduleGapFill(m.chatId);
    this.emit('chats');
    this.emit('chat', m.chatId);
  }

  /** Entries left the server (protocol §14): disappeared ones ("timer") are deleted here too. */
  onExpired(e) {
    if (e.reason !== 'timer') return;
    const conv = this.conv(e.chatId);
    for (let seq = e.fromSeq; seq <= e.toSeq; seq++) conv.bySeq.delete(seq);
    conv.sorted = null;
    const chat = this.chats.get(e.chatId);
    if (chat?.lastMessage && chat.lastMessage.seq >= e.fromSeq && chat.lastMessage.seq <= e.toSeq) {
      chat.lastMessage = null;
    }
    this.emit('chats');
    this.emit('chat', e.chatId);
  }

  onReceipt(r) {
    const chat = this.chats.get(r.chatId);
    if (!chat) return this.scheduleRefresh();
    const m = this.member(chat, r.userId);
    if (m) {
      m.deliveredSeq = Math.max(m.deliveredSeq || 0, r.deliveredSeq || 0);
      if (r.readSeq != null) m.readSeq = Math.max(m.readSeq || 0, r.readSeq);
    }
    if (r.userId === this.me.id && r.readSeq != null) this.ownRead(chat, r.readSeq);
    this.emit('chats');
    this.emit('chat', r.chatId);
  }

  /** My readSeq moved (this device or another of mine read the chat): fix the unread count. */
  ownRead(chat, readSeq) {
    const old = chat.readSeq || 0;
    if (readSeq <= old) return;
    chat.readSeq = readSeq;
    if (readSeq >= chat.lastSeq) {
      chat.unread = 0;
      return;
    }
    const conv = this.conv(chat.id);
    let counted = 0;
    for (let s = old + 1; s <= readSeq; s++) {
      const m = conv.bySeq.get(s);
      if (!m) return this.scheduleRefresh(); // not all loaded: ask the server
      if (m.senderId !== this.me.id && m.kind !== 'system') counted++;
    }
    chat.unread = Math.max(0, (chat.unread || 0) - counted);
  }

  onGroupReceipt(g) {
    const chat = this.chats.get(g.chatId);
    if (!chat) return this.scheduleRefresh();
    const cur = chat.groupReceipt || { deliveredSeq: 0, readSeq: 0 };
    chat.groupReceipt = { deliveredSeq: Math.max(cur.deliveredSeq, g.deliveredSeq || 0),
      readSeq: Math.max(cur.readSeq, g.readSeq || 0) };
    this.emit('chats');
    this.emit('chat', g.chatId);
  }

  accepted(a, entry) {
    if (!entry) return;
    const m = { chatId: a.chatId, seq: a.seq, id: a.messageId, senderId: this.me.id, clientId: a.clientId,
      kind: entry.kind || 'text', text: entry.text, replyTo: entry.replyTo, media: entry.media, ts: a.serverTime };
    this.onMessage(m);
  }

  /** I have seen the chat up to its newest message (protocol §6.4 read). */
  markRead(chatId) {
    const chat = this.chats.get(chatId);
    if (!chat || chat.active === false || !this.conn.ready) return;
    const seq = chat.lastSeq;
    if (seq <= Math.max(chat.readSeq || 0, chat.readRequested || 0)) return;
    chat.readRequested = seq;
    chat.unread = 0;
    this.emit('chats');
    this.request({ type: 'read', chatId, seq }).catch(() => {
      if (chat.readRequested === seq) chat.readRequested = 0;
      this.scheduleRefresh();
    });
  }

  // ---- presence and typing ----

  setPresence(p) {
    if (!p || p.userId == null) return;
    this.presence.set(p.userId, p); // replace, never merge
    this.emit('presence', p.userId);
  }

  onTyping(t) {
    let byUser = this.typing.get(t.chatId);
    if (!byUser) this.typing.set(t.chatId, (byUser = new Map()));
    clearTimeout(byUser.get(t.userId)?.timer);
    if (t.state === 'stopped') byUser.delete(t.userId);
    else {
      const timer = setTimeout(() => this.clearTyping(t.chatId, t.userId), t.expiresInMs || 6000);
      byUser.set(t.userId, { state: t.state, timer });
    }
    this.emit('typing', t.chatId);
  }

  clearTyping(chatId, userId) {
    const byUser = this.typing.get(chatId);
    const t = byUser?.get(userId);
    if (!t) return;
    clearTimeout(t.timer);
    byUser.delete(userId);
    this.emit('typing', chatId);
  }

  typers(chatId) {
    const byUser = this.typing.get(chatId);
    return byUser ? [...byUser.entries()].map(([userId, t]) => ({ userId, state: t.state })) : [];
  }

  sendTyping(chatId, state) {
    this.conn.fire({ type: 'typing', chatId, state });
  }

  watch(userIds) {
    const ids = userIds.filter((id) => id && id !== this.me.id).slice(0, 100);
    if (ids.length) this.request({ type: 'watchPresence', userIds: ids }).catch(() => {});
  }
}

Object.assign(Store.prototype, History);

function maxOrNull(...values) {
  const present = values.filter((v) => v != null);
  return present.length ? Math.max(...present) : undefined;
}
