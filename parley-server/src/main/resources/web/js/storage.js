// What the client keeps in the browser (localStorage): the session (token, user and device ids) and, per
// account and device, the processed update cursor and the outbox. Chats and messages are not persisted: they
// come back from getChats and getHistory after a reload.
const SESSION_KEY = 'parley.session';

function read(key, fallback) {
  try {
    const raw = localStorage.getItem(key);
    return raw == null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (e) {
    console.warn('parley: cannot persist', key, e);
  }
}

export const sessionStore = {
  load: () => read(SESSION_KEY, null),
  save: (session) => write(SESSION_KEY, session),
  clear: () => localStorage.removeItem(SESSION_KEY),
};

/** The state of one device of one account: `parley.<userId>.<deviceId>.cursor` and `….outbox`. */
export class DeviceStorage {
  constructor(userId, deviceId) {
    this.prefix = `parley.${userId}.${deviceId}.`;
  }

  loadCursor() {
    const c = read(this.prefix + 'cursor', 0);
    return Number.isSafeInteger(c) && c > 0 ? c : 0;
  }

  saveCursor(cursor) {
    write(this.prefix + 'cursor', cursor);
  }

  loadOutbox() {
    const list = read(this.prefix + 'outbox', []);
    return Array.isArray(list) ? list.filter((e) => e && typeof e.clientId === 'string' && e.chatId) : [];
  }

  saveOutbox(entries) {
    write(this.prefix + 'outbox', entries);
  }

  clear() {
    for (const suffix of ['cursor', 'outbox']) localStorage.removeItem(this.prefix + suffix);
  }
}
