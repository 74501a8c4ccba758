// One open chat: header (name, online / last seen / typing, group info), the message list (days, senders,
// ticks, replies, media, older history on scroll-up) and the composer. Marks the chat read while visible.
import { h, clear, iconButton, scheduler } from '../dom.js';
import { avatar } from './chatlist.js';
import { MessageList } from './messages.js';
import { Composer } from './composer.js';
import { groupInfoDialog } from './groupinfo.js';
import { lastSeen } from '../format.js';

export class Conversation {
  constructor(store, { onBack }) {
    this.store = store;
    this.chatId = null;
    this.header = h('header.conv-head');
    this.status = h('p.conv-status', { id: 'conv-status', 'aria-live': 'polite' });
    this.list = new MessageList(store, { onReply: (m) => this.composer.reply(m) });
    this.composer = new Composer(store);
    this.placeholder = h('div.placeholder', h('p', 'Select a chat, or start a new one.'));
    this.body = h('div.conv-body', { hidden: true }, this.header, this.list.el, this.composer.el);
    this.el = h('section.conversation', { 'aria-label': 'Conversation' }, this.placeholder, this.body);
    this.onBack = onBack;
    this.render = scheduler(() => this.paint());
    this.onVisible = () => this.markRead();
    document.addEventListener('visibilitychange', this.onVisible);
    addEventListener('focus', this.onVisible);
  }

  destroy() {
    document.removeEventListener('visibilitychange', this.onVisible);
    removeEventListener('focus', this.onVisible);
  }

  open(chatId) {
    if (chatId === this.chatId) return;
    if (this.chatId) this.composer.leave();
    this.chatId = chatId;
    this.placeholder.hidden = !!chatId;
    this.body.hidden = !chatId;
    this.list.open(chatId);
    this.composer.open(chatId);
    if (!chatId) return;
    const chat = this.store.chats.get(chatId);
    const users = chat.kind === 'group' ? chat.members.map((m) => m.userId) : [this.store.peerId(chat)];
    this.store.watch(users);
    this.store.loadNewest(chatId).catch(() => {});
    this.paint();
    this.composer.focus();
  }

  changed(topic, detail) {
    if (!this.chatId) return;
    if (topic === 'ready') {
      const chat = this.store.chats.get(this.chatId);
      if (chat) this.store.watch(chat.kind === 'group' ? chat.members.map((m) => m.userId) : [this.store.peerId(chat)]);
      this.store.loadNewest(this.chatId).catch(() => {});
      this.store.scheduleGapFill(this.chatId);
    }
    if (topic === 'chat' && detail !== this.chatId) return;
    if (topic === 'typing' && detail !== this.chatId) return;
    if (['chat', 'chats', 'typing', 'presence', 'users', 'outbox', 'ready', 'synced', 'me'].includes(topic)) {
      this.render();
    }
  }

  cancelReply() {
    return this.composer.cancelReply();
  }

  paint() {
    const chat = this.store.chats.get(this.chatId);
    if (!chat) return;
    this.paintHeader(chat);
    this.list.render();
    this.composer.render(chat);
    this.markRead();
  }

  paintHeader(chat) {
    const store = this.store;
    const title = store.chatTitle(chat);
    const isGroup = chat.kind === 'group';
    const peerId = isGroup ? null : store.peerId(chat);
    const presence = peerId != null ? store.presence.get(peerId) : null;
    const typers = store.typers(chat.id);
    let status = '';
    if (typers.length) {
      const verb = typers[0].state === 'recording' ? 'recording audio' : 'typing';
      status = isGroup ? `${typers.map((t) => store.nameOf(t.userId)).join(', ')} ${typers.length > 1 ? 'are' : 'is'} ${verb}…`
        : `${verb}…`;
    } else if (isGroup) {
      status = chat.active === false ? 'You are no longer a member'
        : chat.members.map((m) => store.nameOf(m.userId)).sort((a, b) => (a === 'You') - (b === 'You')).join(', ');
    } else if (presence?.online) status = 'online';
    else if (presence?.lastSeen) status = lastSeen(presence.lastSeen);
    this.status.textContent = status;
    this.status.classList.toggle('typing', typers.length > 0);
    const sig = [title, chat.id, isGroup, presence?.online].join('|');
    if (this.header.dataset.sig === sig) return;
    this.header.dataset.sig = sig;
    clear(this.header,
      iconButton('back', 'Back to chats', () => this.onBack(), { class: 'back' }),
      avatar(title, isGroup ? chat.id : peerId, { online: presence?.online === true, group: isGroup }),
      h('div.conv-title', h('h2', { id: 'conv-title' }, title), this.status),
      isGroup ? iconButton('info', 'Group info', () => groupInfoDialog(store, chat.id), { id: 'group-info' }) : null);
  }

  markRead() {
    if (!this.chatId || document.visibilityState !== 'visible') return;
    if (!this.store.conv(this.chatId).newest) return;
    this.store.markRead(this.chatId);
  }
}
