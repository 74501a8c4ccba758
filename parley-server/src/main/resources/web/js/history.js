// Loaded messages per chat (protocol §6.4 getHistory, §10.2 "Gaps per chat"): the newest page when a chat
// opens, older pages on scroll-up, gap filling, single quoted messages. Mixed into Store.
const PAGE = 50;

export const History = {
  conv(chatId) {
    let c = this.convs.get(chatId);
    if (!c) {
      c = { bySeq: new Map(), oldest: null, more: true, newest: false, loading: false, sorted: null };
      this.convs.set(chatId, c);
    }
    return c;
  },

  insert(conv, m) {
    const old = conv.bySeq.get(m.seq);
    conv.bySeq.set(m.seq, old ? { ...old, ...m, media: m.media || old.media } : m);
    conv.sorted = null;
  },

  messages(chatId) {
    const conv = this.conv(chatId);
    if (!conv.sorted) conv.sorted = [...conv.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return conv.sorted;
  },

  message(chatId, seq) {
    return this.conv(chatId).bySeq.get(seq);
  },

  async loadNewest(chatId) {
    const conv = this.conv(chatId);
    if (conv.newest || conv.loading) return;
    conv.loading = true;
    try {
      const r = await this.request({ type: 'getHistory', chatId, limit: PAGE });
      this.page(conv, r, true);
      conv.newest = true;
      this.scheduleGapFill(chatId);
    } finally {
      conv.loading = false;
      this.emit('chat', chatId);
    }
  },

  async loadOlder(chatId) {
    const conv = this.conv(chatId);
    if (!conv.newest || !conv.more || conv.loading || conv.oldest == null) return false;
    conv.loading = true;
    try {
      const r = await this.request({ type: 'getHistory', chatId, before: conv.oldest, limit: PAGE });
      this.page(conv, r, true);
      return true;
    } finally {
      conv.loading = false;
      this.emit('chat', chatId);
    }
  },

  page(conv, r, backwards) {
    for (const m of r.messages || []) this.insert(conv, m);
    const first = r.messages?.[0]?.seq;
    if (backwards) {
      if (first != null && (conv.oldest == null || first < conv.oldest)) conv.oldest = first;
      conv.more = !!r.more && first != null;
      if (first == null && conv.oldest == null) conv.more = false;
    }
  },

  /** Loads one message outside the loaded pages (a quoted message), without touching the paging state. */
  loadAround(chatId, seq) {
    const key = chatId + ':' + seq;
    if (this.around.has(key) || !this.conn.ready) return;
    this.around.add(key);
    this.request({ type: 'getHistory', chatId, after: seq - 1, limit: 1 }).then((r) => {
      for (const m of r.messages || []) if (m.seq === seq) this.insert(this.conv(chatId), m);
      this.emit('chat', chatId);
    }, () => this.around.delete(key));
  },

  dropUpload(id) {
    const u = this.uploads.get(id);
    if (!u) return;
    if (u.preview) URL.revokeObjectURL(u.preview);
    this.uploads.delete(id);
    this.emit('chat', u.chatId);
  },

  /** Fetches missing seqs between the oldest loaded message and the newest (protocol §10.2 "Gaps per chat"). */
  scheduleGapFill(chatId) {
    const conv = this.conv(chatId);
    clearTimeout(conv.gapTimer);
    conv.gapTimer = setTimeout(async () => {
      const seqs = this.messages(chatId).map((m) => m.seq).filter((s) => conv.oldest == null || s >= conv.oldest);
      for (let i = 1; i < seqs.length; i++) {
        if (seqs[i] !== seqs[i - 1] + 1) {
          try {
            const r = await this.request({ type: 'getHistory', chatId, after: seqs[i - 1], limit: 200 });
            this.page(conv, r, false);
            this.emit('chat', chatId);
            if (r.more || (r.messages || []).length) this.scheduleGapFill(chatId);
          } catch { /* retried on the next message */ }
          return;
        }
      }
    }, 400);
  },
};
