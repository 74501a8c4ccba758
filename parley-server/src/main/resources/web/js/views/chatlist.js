// The chat list: avatar or initials, name, last message preview, time, unread badge, online dot and ticks on
// my last message; filtered by name. Items are kept per chat and updated in place, so focus survives updates.
import { h, clear, icon } from '../dom.js';
import { initials, colour, preview, shortTime, mediaIcon } from '../format.js';
import { systemText } from '../system.js';

export function avatar(name, id, { online = false, group = false } = {}) {
  return h('span.avatar.' + colour(id), { 'aria-hidden': 'true' },
    group ? icon('group') : initials(name), online ? h('span.online-dot') : null);
}

export function tickIcon(state) {
  const label = state === 'read' ? 'Read' : state === 'delivered' ? 'Delivered' : state === 'pending' ? 'Waiting to send'
    : state === 'failed' ? 'Not sent' : 'Sent';
  const name = state === 'pending' ? 'clock' : state === 'failed' ? 'error' : state === 'sent' ? 'check' : 'checks';
  return h('span.tick', { dataset: { state }, title: label }, icon(name, label));
}

export class ChatList {
  constructor(store, { onOpen }) {
    this.store = store;
    this.onOpen = onOpen;
    this.items = new Map();
    this.filter = '';
    this.selected = null;
    this.el = h('ul.chat-list', { id: 'chat-list', 'aria-label': 'Chats' });
    this.empty = h('p.empty-list', { hidden: true });
  }

  setFilter(text) {
    this.filter = text.trim().toLowerCase();
    this.render();
  }

  select(chatId) {
    this.selected = chatId;
    this.render();
  }

  render() {
    const store = this.store;
    const chats = store.sortedChats().filter((c) => !this.filter || store.chatTitle(c).toLowerCase().includes(this.filter));
    const seen = new Set();
    let prev = null;
    for (const chat of chats) {
      seen.add(chat.id);
      let item = this.items.get(chat.id);
      if (!item) {
        const button = h('button.chat-item', { type: 'button', dataset: { chatId: chat.id },
          onclick: () => this.onOpen(chat.id) });
        item = { li: h('li', button), button, sig: '' };
        this.items.set(chat.id, item);
      }
      this.fill(item, chat);
      const want = prev ? prev.nextSibling : this.el.firstChild;
      if (want !== item.li) this.el.insertBefore(item.li, want);
      prev = item.li;
    }
    for (const [id, item] of this.items) {
      if (!seen.has(id)) {
        item.li.remove();
        if (!store.chats.has(id)) this.items.delete(id);
      }
    }
    this.empty.hidden = chats.length > 0 || !store.chatsLoaded;
    this.empty.textContent = this.filter ? 'No chats match.' : 'No chats yet. Start one with the new chat button.';
  }

  fill(item, chat) {
    const store = this.store;
    const title = store.chatTitle(chat);
    const peerId = chat.kind === 'direct' ? store.peerId(chat) : null;
    const online = peerId != null && store.presence.get(peerId)?.online === true;
    const pending = store.conn.outbox.pending().filter((e) => e.chatId === chat.id).pop();
    const last = chat.lastMessage;
    const typers = store.typers(chat.id);
    let line;
    let kind = null;
    let tick = null;
    let time = last ? last.ts : null;
    if (typers.length) {
      line = chat.kind === 'group' ? `${store.nameOf(typers[0].userId)} is typing…` : 'typing…';
    } else if (pending) {
      tick = pending.failed ? 'failed' : 'pending';
      line = preview({ ...pending, senderId: store.me.id }, () => '');
      kind = pending.kind;
      time = pending.createdAt;
    } else if (last) {
      line = preview(last, (m) => systemText(store, m));
      kind = last.kind;
      if (chat.kind === 'group' && last.kind !== 'system' && last.senderId !== store.me.id) {
        line = `${store.nameOf(last.senderId)}: ${line}`;
      }
      if (last.senderId === store.me.id && last.kind !== 'system') tick = store.tick(chat, last.seq);
    } else line = chat.kind === 'group' ? 'Group created' : 'No messages yet';
    const unread = chat.unread || 0;
    const sig = [title, online, line, kind, tick, time, unread, chat.active, this.selected === chat.id].join('|');
    const media = !typers.length && mediaIcon(kind);
    if (sig === item.sig) return;
    item.sig = sig;
    const b = item.button;
    b.classList.toggle('selected', this.selected === chat.id);
    b.classList.toggle('has-unread', unread > 0);
    if (this.selected === chat.id) b.setAttribute('aria-current', 'true');
    else b.removeAttribute('aria-current');
    clear(b,
      avatar(title, chat.kind === 'group' ? chat.id : peerId, { online, group: chat.kind === 'group' }),
      h('span.ci-body',
        h('span.ci-top', h('span.ci-name', title), time ? h('span.ci-time', shortTime(time)) : null),
        h('span.ci-bottom',
          h('span.ci-preview', { class: typers.length ? 'typing' : null }, tick && !typers.length ? tickIcon(tick) : null,
            media ? icon(media) : null, h('span.ci-text', line)),
          unread > 0 ? h('span.badge', { 'aria-label': `${unread} unread` }, String(unread)) : null)),
      online ? h('span.sr-only', ', online') : null);
  }
}
