// The message list of the open chat: day separators, sender names and colours in groups, quoted replies,
// media, ticks, pending and failed sends, uploads in progress. Nodes are keyed (by seq, clientId or upload)
// and reused, so images are not reloaded and ticks update in place; older pages load on scroll-up.
import { h, icon, iconButton } from '../dom.js';
import { clock, dayKey, dayLabel, colour, preview, mediaIcon } from '../format.js';
import { systemText } from '../system.js';
import { tickIcon } from './chatlist.js';
import { mediaBlock } from './media-view.js';
import { messageInfoDialog } from './dialogs.js';

export class MessageList {
  constructor(store, { onReply }) {
    this.store = store;
    this.onReply = onReply;
    this.nodes = new Map();
    this.el = h('div.messages', { id: 'messages', role: 'log', 'aria-label': 'Messages', tabindex: '0' });
    this.top = h('div.history-top', { role: 'status' });
    this.el.addEventListener('scroll', () => this.scrolled());
  }

  open(chatId) {
    this.chatId = chatId;
    this.el.replaceChildren();
    this.nodes.clear();
    this.stick = true;
  }

  scrolled() {
    const el = this.el;
    this.stick = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (el.scrollTop < 120 && this.chatId) this.loadOlder();
  }

  async loadOlder() {
    const chatId = this.chatId;
    const conv = this.store.conv(chatId);
    if (!conv.more || conv.loading || !conv.newest) return;
    this.anchor = { height: this.el.scrollHeight, top: this.el.scrollTop };
    await this.store.loadOlder(chatId).catch(() => {});
  }

  items() {
    const store = this.store;
    const chat = store.chats.get(this.chatId);
    const conv = store.conv(this.chatId);
    const out = [];
    const topText = conv.loading ? 'Loading…' : conv.more && conv.newest ? 'Scroll up for older messages' : conv.newest ? 'Beginning of the chat' : '';
    out.push({ key: 'top', sig: topText, build: () => { this.top.textContent = topText; return this.top; } });
    let lastDay = null;
    let lastSender = null;
    const day = (ts) => {
      const k = dayKey(ts);
      if (k !== lastDay) {
        lastDay = k;
        lastSender = null;
        const label = dayLabel(ts);
        out.push({ key: 'd' + k, sig: label, build: () => h('div.day', { role: 'separator' }, h('span', label)) });
      }
    };
    for (const m of store.messages(this.chatId)) {
      day(m.ts);
      if (m.kind === 'system') {
        const text = systemText(store, m);
        out.push({ key: 'm' + m.seq, sig: text, build: () => h('div.system', { dataset: { seq: m.seq } }, h('span', text)) });
        lastSender = null;
        continue;
      }
      const showName = chat.kind === 'group' && m.senderId !== store.me.id && m.senderId !== lastSender;
      lastSender = m.senderId;
      const quoted = m.replyTo ? store.message(this.chatId, m.replyTo) : null;
      const sig = [m.text, m.kind, m.media?.id, m.media?.thumbnail ? 1 : 0, showName && store.nameOf(m.senderId),
        quoted ? store.nameOf(quoted.senderId) + (quoted.text || '') : '', m.replyTo].join('|');
      out.push({ key: 'm' + m.seq, sig, msg: m, build: () => this.bubble(chat, m, showName, quoted) });
    }
    for (const e of store.conn.outbox.pending()) {
      if (e.chatId !== this.chatId) continue;
      day(e.createdAt);
      const m = { ...e, senderId: store.me.id, ts: e.createdAt, pending: true };
      const quoted = e.replyTo ? store.message(this.chatId, e.replyTo) : null;
      out.push({ key: 'p' + e.clientId, sig: 'p' + (e.failed ? e.failed.code : ''), build: () => this.bubble(chat, m, false, quoted) });
    }
    for (const u of store.uploads?.values() || []) {
      if (u.chatId !== this.chatId) continue;
      out.push({ key: 'u' + u.id, sig: u.error || 'u', upload: u, build: () => this.uploadBubble(u) });
    }
    return out;
  }

  render() {
    if (!this.chatId) return;
    const el = this.el;
    const wasAtBottom = this.stick;
    const next = new Map();
    let prev = null;
    for (const it of this.items()) {
      let rec = this.nodes.get(it.key);
      if (!rec || rec.sig !== it.sig) {
        const node = it.build();
        if (rec && rec.el !== node) rec.el.remove();
        rec = { el: node, sig: it.sig };
      }
      next.set(it.key, rec);
      if (it.msg) this.updateTick(rec.el, it.msg);
      if (it.upload) this.updateProgress(rec.el, it.upload);
      const want = prev ? prev.nextSibling : el.firstChild;
      if (want !== rec.el) el.insertBefore(rec.el, want);
      prev = rec.el;
    }
    for (const [key, rec] of this.nodes) if (!next.has(key)) rec.el.remove();
    this.nodes = next;
    if (this.anchor) { // older messages were prepended: keep what the user was looking at in place
      el.scrollTop = this.anchor.top + (el.scrollHeight - this.anchor.height);
      this.anchor = null;
    } else if (wasAtBottom) el.scrollTop = el.scrollHeight;
    if (el.scrollHeight <= el.clientHeight + 20) this.loadOlder(); // short page: fill the screen
  }

  updateTick(node, m) {
    const slot = node.querySelector(':scope > .bubble .meta .tick-slot');
    if (!slot) return;
    const chat = this.store.chats.get(this.chatId);
    const state = this.store.tick(chat, m.seq);
    if (slot.dataset.state !== state) {
      slot.dataset.state = state;
      slot.replaceChildren(tickIcon(state));
    }
  }

  updateProgress(node, u) {
    const bar = node.querySelector('progress');
    if (bar) bar.value = u.progress;
  }

  bubble(chat, m, showName, quoted) {
    const store = this.store;
    const mine = m.senderId === store.me.id;
    const meta = h('span.meta', h('time', { datetime: new Date(m.ts).toISOString() }, clock(m.ts)));
    if (mine && m.pending) meta.append(tickIcon(m.failed ? 'failed' : 'pending'));
    else if (mine) meta.append(h('span.tick-slot'));
    const actions = m.pending ? this.pendingActions(m) : h('span.msg-actions',
      chat.active !== false ? iconButton('reply', 'Reply', () => this.onReply(m), { class: 'reply-btn' }) : null,
      mine ? iconButton('info', 'Message info', () => messageInfoDialog(store, chat, m), { class: 'info-btn' }) : null);
    const body = h('div.bubble',
      showName ? h('div.sender.' + colour(m.senderId), store.nameOf(m.senderId)) : null,
      m.replyTo ? this.quote(m.replyTo, quoted) : null,
      m.media ? mediaBlock(store, m) : m.kind !== 'text' && m.kind ? h('p.unsupported', 'Unsupported message') : null,
      m.text ? h('div.text', m.text) : null,
      meta);
    const attrs = { dataset: { seq: m.seq ?? '', clientId: m.clientId || '', sender: m.senderId } };
    return h('div.msg.' + (mine ? 'out' : 'in'), attrs, body, actions, m.failed ? h('p.send-error', { role: 'alert' },
      `Not sent: ${m.failed.message || m.failed.code}`) : null);
  }

  pendingActions(m) {
    if (!m.failed) return null;
    return h('span.msg-actions.visible',
      iconButton('retry', 'Send again', () => this.store.conn.retry(m.clientId)),
      iconButton('trash', 'Discard', () => this.store.conn.discard(m.clientId)));
  }

  quote(seq, quoted) {
    const store = this.store;
    if (!quoted) store.loadAround?.(this.chatId, seq);
    const name = quoted ? store.nameOf(quoted.senderId) : 'Message';
    const text = quoted ? preview(quoted, (x) => systemText(store, x)) : `#${seq}`;
    return h('button.quote', { type: 'button', 'aria-label': `Reply to ${name}: ${text}`, onclick: () => this.jump(seq) },
      h('span.quote-name.' + (quoted ? colour(quoted.senderId) : 'c0'), name),
      h('span.quote-text', quoted && mediaIcon(quoted.kind) ? icon(mediaIcon(quoted.kind)) : null, text));
  }

  jump(seq) {
    const node = this.el.querySelector(`.msg[data-seq="${seq}"]`);
    if (!node) return;
    node.scrollIntoView({ block: 'center' });
    node.classList.add('flash');
    setTimeout(() => node.classList.remove('flash'), 1200);
  }

  uploadBubble(u) {
    return h('div.msg.out.uploading', { dataset: { upload: u.id } },
      h('div.bubble',
        u.preview ? h('img.thumb', { src: u.preview, alt: '' }) : h('div.file-row', icon('file'), h('span', u.name)),
        h('label.progress', h('span', u.error ? 'Upload failed: ' + u.error : 'Uploading ' + u.name),
          h('progress', { max: '1', value: String(u.progress || 0) })),
        u.error ? h('div.row', iconButton('trash', 'Discard upload', () => this.store.dropUpload(u.id))) : null));
  }
}
