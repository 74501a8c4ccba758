// The main screen: the sidebar (me, actions, connection banner, filter, chat list) and the conversation pane.
// A narrow window shows one of the two (data-pane="list" | "chat"); the URL hash remembers the open chat.
import { h, clear, iconButton, icon, scheduler } from '../dom.js';
import { ChatList, avatar } from './chatlist.js';
import { Conversation } from './conversation.js';
import { newChatDialog, newGroupDialog, devicesDialog } from './dialogs.js';

export class MainView {
  constructor(root, store, { logout }) {
    this.store = store;
    this.list = new ChatList(store, { onOpen: (id) => this.open(id, true) });
    this.conversation = new Conversation(store, { onBack: () => this.back() });
    this.banner = h('div.banner', { id: 'net-banner', role: 'status', 'aria-live': 'polite', hidden: true });
    this.me = h('div.me');
    const filter = h('input', { type: 'search', id: 'chat-filter', placeholder: 'Search chats',
      'aria-label': 'Filter chats by name', autocomplete: 'off',
      oninput: (e) => this.list.setFilter(e.target.value) });
    this.sidebar = h('aside.sidebar', { 'aria-label': 'Chats' },
      h('header.side-head', this.me,
        h('div.actions',
          iconButton('chat', 'New chat', () => newChatDialog(store, (id) => this.open(id, true)), { id: 'new-chat' }),
          iconButton('group', 'New group', () => newGroupDialog(store, (id) => this.open(id, true)), { id: 'new-group' }),
          iconButton('devices', 'Devices', () => devicesDialog(store), { id: 'devices-button' }),
          iconButton('logout', 'Log out', () => confirm('Log out of Parley on this browser?') && logout(),
            { id: 'logout-button' }))),
      h('div.search', icon('search'), filter),
      this.list.el, this.list.empty);
    this.el = h('div.main', { dataset: { pane: 'list' } }, this.banner,
      h('div.panes', this.sidebar, this.conversation.el));
    clear(root, this.el);
    document.title = 'Parley';
    this.renderList = scheduler(() => this.paintList());
    this.unsubscribe = store.on((topic, detail) => this.changed(topic, detail));
    this.onHash = () => this.route();
    addEventListener('hashchange', this.onHash);
    this.onKey = (e) => this.key(e);
    addEventListener('keydown', this.onKey);
    this.renderMe();
    this.renderBanner();
    this.route();
  }

  destroy() {
    this.unsubscribe();
    this.conversation.destroy();
    removeEventListener('hashchange', this.onHash);
    removeEventListener('keydown', this.onKey);
  }

  changed(topic, detail) {
    if (topic === 'conn') this.renderBanner();
    if (topic === 'me' || topic === 'users') this.renderMe();
    if (topic === 'ready' && this.pendingJoin) this.join(this.pendingJoin);
    if (['chats', 'presence', 'typing', 'users', 'outbox', 'chat'].includes(topic)) this.renderList();
    this.conversation.changed(topic, detail);
    if (topic === 'chats' && this.wanted && this.store.chats.has(this.wanted)) this.route();
  }

  paintList() {
    this.list.render();
    if (this.store.chatsLoaded && !this.painted) { // first paint of the chat list, measured by the browser test
      this.painted = true;
      performance.mark('parley:chat-list');
      window.parleyFirstPaint = performance.now();
    }
  }

  renderMe() {
    const me = this.store.me;
    const name = me.displayName || me.username || 'Me';
    clear(this.me, avatar(name, me.id), h('span.me-name', { id: 'me-name' }, name));
  }

  renderBanner() {
    const s = this.store.connState;
    const queued = this.store.conn.outbox.pending(true).length;
    let text = null;
    if (s.phase === 'offline') {
      text = navigator.onLine === false ? 'You are offline.' : 'Connection lost. Reconnecting…';
      if (queued) text += ` ${queued} message${queued > 1 ? 's' : ''} will be sent when you are back.`;
    } else if (s.phase === 'closed' && s.code !== 1000) text = 'Disconnected: ' + (s.reason || s.code);
    this.banner.hidden = !text;
    this.el.classList.toggle('offline', !!text);
    if (!text) return;
    clear(this.banner, icon('error'), h('span', text),
      s.phase === 'offline' && navigator.onLine !== false
        ? h('button.link', { type: 'button', onclick: () => this.store.conn.reconnectNow() }, 'Retry now') : null);
  }

  route() {
    const m = /^#(chat|join)\/(.+)$/.exec(location.hash);
    if (m && m[1] === 'join') {
      history.replaceState(null, '', location.pathname);
      this.join(decodeURIComponent(m[2]));
      return;
    }
    const id = m ? Number(m[2]) : null;
    this.wanted = id;
    if (id && this.store.chats.has(id)) this.show(id);
    else if (!id) this.show(null);
  }

  open(chatId, push) {
    const hash = '#chat/' + chatId;
    if (location.hash !== hash) {
      if (push) location.hash = hash;
      else history.replaceState(null, '', hash);
    } else this.route();
  }

  show(chatId) {
    this.wanted = chatId;
    this.list.select(chatId);
    this.conversation.open(chatId);
    this.el.dataset.pane = chatId ? 'chat' : 'list';
    if (chatId) document.title = this.store.chatTitle(this.store.chats.get(chatId)) + ' – Parley';
    else document.title = 'Parley';
  }

  back() {
    if (location.hash) history.pushState(null, '', location.pathname);
    this.show(null);
    this.list.el.querySelector('.chat-item.selected, .chat-item')?.focus();
  }

  async join(code) {
    if (!this.store.conn.ready) {
      this.pendingJoin = code;
      return;
    }
    this.pendingJoin = null;
    try {
      const r = await this.store.request({ type: 'joinByInvite', code });
      if (r.type === 'chat') {
        this.store.mergeChat(r.chat);
        this.store.emit('chats');
        this.open(r.chat.id, true);
      } else alert('Your request to join was sent to the group admins.');
    } catch (e) {
      alert('Cannot join: ' + e.message);
    }
  }

  key(e) {
    if (e.key === 'Escape' && this.el.dataset.pane === 'chat' && !document.querySelector('dialog[open]')
        && !this.conversation.cancelReply()) {
      if (e.target.closest?.('.conversation')) this.back();
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      if (this.el.dataset.pane === 'chat' && innerWidth < 700) this.back();
      document.getElementById('chat-filter').focus();
    }
    if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      const chats = this.store.sortedChats();
      const i = chats.findIndex((c) => c.id === this.wanted);
      const next = chats[Math.max(0, Math.min(chats.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) {
        e.preventDefault();
        this.open(next.id, true);
      }
    }
  }
}
