// Entry point: the login screen, or the main screen of a stored session with its connection and model.
import { Api, ApiError } from './api.js';
import { Connection } from './connection.js';
import { Store } from './store.js';
import { sessionStore, DeviceStorage } from './storage.js';
import { Links } from './media.js';
import { showLogin } from './views/login.js';
import { MainView } from './views/main.js';

const root = document.getElementById('app');
let current = null;

function wsUrl() {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/v1/ws';
}

function boot(notice) {
  current?.stop();
  current = null;
  const session = sessionStore.load();
  if (!session || !session.token) {
    showLogin(root, (s) => {
      sessionStore.save(s);
      boot();
    }, notice);
    return;
  }
  current = startSession(session);
}

function startSession(session) {
  const api = new Api(session.token);
  const me = { id: session.userId, deviceId: session.deviceId, ...(session.me || {}) };
  const store = new Store({ me, api });
  const storage = new DeviceStorage(session.userId, session.deviceId);
  store.links = new Links(api);
  store.session = session;
  const conn = new Connection({
    url: wsUrl(),
    token: session.token,
    storage,
    listener: {
      ready(frame, reset) {
        if (reset) {
          store.chats.clear();
          store.convs.clear();
        }
        store.loadChats().catch(() => {});
        store.emit('ready');
      },
      update: (event) => store.apply(event),
      synced: () => store.emit('synced'),
      accepted: (a, entry) => store.accepted(a, entry),
      sendFailed: (entry) => store.emit('chat', entry.chatId),
      outboxChanged: () => {
        store.emit('chats');
        store.emit('outbox');
      },
      presence: (p) => store.setPresence(p),
      typing: (t) => store.onTyping(t),
      state: (s) => {
        store.connState = s;
        store.emit('conn');
      },
      terminated: (code) => terminated(code, api, storage),
    },
  });
  store.conn = conn;
  const view = new MainView(root, store, {
    logout: () => logout(api, storage),
  });
  conn.start();
  api.me().then((profile) => {
    store.me = { ...store.me, ...profile, id: profile.id };
    store.addUser(profile);
    sessionStore.save({ ...session, me: { username: profile.username, displayName: profile.displayName,
      phone: profile.phone } });
    store.emit('me');
  }, () => {});
  return { stop: () => { conn.close(); view.destroy(); } };
}

async function terminated(code, api, storage) {
  if (code === 4003) return forget(storage, 'This device was logged out.');
  if (code === 4001) {
    try {
      await api.me();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return forget(storage, 'This device was logged out.');
    }
  }
  boot();
}

function forget(storage, notice) {
  storage.clear();
  sessionStore.clear();
  boot(notice);
}

async function logout(api, storage) {
  current?.stop(); // close the connection first: the server closes it anyway once the device is revoked
  current = null;
  try {
    await api.logout();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) {
      alert('Could not log out: ' + e.message);
      boot();
      return;
    }
  }
  forget(storage, 'You are logged out.');
}

// Leaving the page closes the connection at once (so others see "last seen" without waiting for a timeout);
// a page restored from the back/forward cache starts again.
addEventListener('pagehide', () => {
  current?.stop();
  current = null;
});
addEventListener('pageshow', (e) => {
  if (e.persisted) boot();
});

boot();
