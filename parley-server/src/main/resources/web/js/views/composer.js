// The composer: Enter sends, Shift+Enter starts a new line; typing indicators (every 3 s while typing,
// "stopped" when cleared); a reply bar for quoting; attachments uploaded with a progress bar, then sent as
// image / video / file messages through the outbox. Drafts are kept per chat while the page lives.
import { h, clear, iconButton, icon } from '../dom.js';
import { preview } from '../format.js';
import { systemText } from '../system.js';
import { upload, kindOf } from '../media.js';

const TYPING_EVERY = 3000;

export class Composer {
  constructor(store) {
    this.store = store;
    this.drafts = new Map();
    this.replyTo = null;
    this.typingSentAt = 0;
    this.input = h('textarea', { id: 'composer-input', rows: '1', placeholder: 'Type a message',
      'aria-label': 'Message', maxlength: '4096' });
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('input', () => this.typed());
    this.file = h('input', { type: 'file', multiple: true, hidden: true, id: 'attach-input', 'aria-label': 'Attach files',
      onchange: () => this.attach() });
    this.replyBar = h('div.reply-bar', { hidden: true, id: 'reply-bar' });
    this.note = h('p.composer-note', { hidden: true });
    this.form = h('form.composer', { onsubmit: (e) => { e.preventDefault(); this.send(); } },
      iconButton('attach', 'Attach a photo, video or file', () => this.file.click(), { id: 'attach-button' }),
      this.file, this.input,
      h('button.send', { type: 'submit', 'aria-label': 'Send', title: 'Send (Enter)', id: 'send-button' }, icon('send')));
    this.el = h('div.composer-wrap', this.replyBar, this.note, this.form);
  }

  open(chatId) {
    this.chatId = chatId;
    this.input.value = chatId ? this.drafts.get(chatId) || '' : '';
    this.cancelReply();
    this.resize();
  }

  leave() {
    if (this.typingSentAt) this.store.sendTyping(this.chatId, 'stopped');
    this.typingSentAt = 0;
  }

  focus() {
    if (!this.input.disabled) this.input.focus({ preventScroll: true });
  }

  render(chat) {
    const store = this.store;
    let blocked = null;
    if (chat.active === false) blocked = 'You can no longer send messages to this group.';
    else if (chat.kind === 'group' && chat.group?.onlyAdminsSend && !store.isAdmin(chat)) blocked = 'Only admins can send messages.';
    if (!this.input.style.height) this.resize();
    this.note.hidden = !blocked;
    this.note.textContent = blocked || '';
    this.form.hidden = !!blocked;
    this.input.disabled = !!blocked;
  }

  key(e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      this.send();
    } else if (e.key === 'Escape' && this.replyTo) {
      e.preventDefault();
      e.stopPropagation();
      this.cancelReply();
    }
  }

  typed() {
    const text = this.input.value;
    this.drafts.set(this.chatId, text);
    this.resize();
    const now = Date.now();
    if (!text.trim()) {
      if (this.typingSentAt) this.store.sendTyping(this.chatId, 'stopped');
      this.typingSentAt = 0;
    } else if (now - this.typingSentAt > TYPING_EVERY) {
      this.store.sendTyping(this.chatId, 'typing');
      this.typingSentAt = now;
    }
  }

  resize() {
    const el = this.input;
    if (!el.offsetParent) { // hidden (narrow window showing the list): measure when shown
      el.style.height = '';
      return;
    }
    el.style.height = 'auto';
    const full = el.scrollHeight + el.offsetHeight - el.clientHeight; // content + borders
    el.style.height = Math.min(full, 160) + 'px';
    el.style.overflowY = full > 160 ? 'auto' : 'hidden';
  }

  send() {
    const text = this.input.value.replace(/^\s*\n|\s+$/g, '');
    if (!text.trim() || !this.chatId) return;
    for (let i = 0; i < text.length; i += 4096) { // the server's text limit; longer texts go in parts
      this.store.conn.send({ chatId: this.chatId, text: text.slice(i, i + 4096), replyTo: i === 0 ? this.replyTo?.seq : undefined });
    }
    this.input.value = '';
    this.drafts.delete(this.chatId);
    this.typingSentAt = 0; // the message ends the indicator on the other side
    this.cancelReply();
    this.resize();
    this.input.focus();
  }

  reply(m) {
    this.replyTo = m;
    const store = this.store;
    clear(this.replyBar,
      h('div.quote.static', h('span.quote-name', m.senderId === store.me.id ? 'You' : store.nameOf(m.senderId)),
        h('span.quote-text', preview(m, (x) => systemText(store, x)))),
      iconButton('close', 'Cancel reply', () => this.cancelReply(), { id: 'cancel-reply' }));
    this.replyBar.hidden = false;
    this.input.focus();
  }

  /** Drops the quoted message; true when there was one. */
  cancelReply() {
    const had = !!this.replyTo;
    this.replyTo = null;
    this.replyBar.hidden = true;
    this.replyBar.replaceChildren();
    return had;
  }

  attach() {
    const files = [...this.file.files];
    this.file.value = '';
    const caption = this.input.value.trim();
    files.forEach((f, i) => this.uploadOne(f, i === 0 && caption && caption.length <= 4096 ? caption : undefined));
    if (files.length && caption) {
      this.input.value = '';
      this.drafts.delete(this.chatId);
    }
  }

  async uploadOne(file, caption) {
    const store = this.store;
    const chatId = this.chatId;
    const kind = kindOf(file);
    const u = { id: Math.random().toString(36).slice(2), chatId, name: file.name, progress: 0,
      preview: kind === 'image' ? URL.createObjectURL(file) : null };
    store.uploads.set(u.id, u);
    store.emit('chat', chatId);
    try {
      const media = await upload(store.api, file, (p) => {
        u.progress = p;
        store.emit('chat', chatId);
      });
      store.dropUpload(u.id);
      const sendKind = kind === 'image' && !media.mime?.startsWith('image/') ? 'file'
        : kind === 'video' && !media.mime?.startsWith('video/') ? 'file' : kind;
      store.conn.send({ chatId, kind: sendKind, mediaId: media.id, media, text: caption });
    } catch (e) {
      u.error = e.message || 'failed';
      store.emit('chat', chatId);
    }
  }
}
