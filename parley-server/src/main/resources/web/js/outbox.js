// Sends not yet accepted by the server, in the order the user made them (the Java SDK's Outbox). An entry keeps
// its clientId for its whole life: every (re)transmission carries the same clientId under a fresh request id,
// so the server's idempotency turns retries into the original `accepted`. An entry leaves when accepted (or
// when its message arrives in the update stream) or when the user discards it after a refusal. Entries are
// plain JSON so the whole outbox can be persisted.
export class Outbox {
  constructor(entries = [], persist = () => {}) {
    this.byClientId = new Map(entries.map((e) => [e.clientId, e]));
    this.clientIdByRequest = new Map();
    this.persist = persist;
  }

  /** Adds an entry at the end; returns the pending entry with that clientId instead when there is one. */
  add(entry) {
    const existing = this.byClientId.get(entry.clientId);
    if (existing) return existing;
    this.byClientId.set(entry.clientId, entry);
    this.save();
    return entry;
  }

  /** Records a transmission under `requestId`; returns the frame to put on the wire. */
  transmission(entry, requestId) {
    this.clientIdByRequest.set(requestId, entry.clientId);
    const frame = { type: 'send', id: requestId, chatId: entry.chatId, clientId: entry.clientId };
    if (entry.kind && entry.kind !== 'text') frame.kind = entry.kind;
    if (entry.mediaId) frame.mediaId = entry.mediaId;
    if (entry.text) frame.text = entry.text;
    if (entry.replyTo) frame.replyTo = entry.replyTo;
    return frame;
  }

  get(clientId) {
    return this.byClientId.get(clientId);
  }

  isSendRequest(requestId) {
    return this.clientIdByRequest.has(requestId);
  }

  entryOfRequest(requestId) {
    return this.byClientId.get(this.clientIdByRequest.get(requestId));
  }

  /** Removes and returns the entry with this clientId (accepted, or its message arrived); null when unknown. */
  remove(clientId) {
    const entry = this.byClientId.get(clientId);
    if (!entry) return null;
    this.byClientId.delete(clientId);
    for (const [rid, cid] of this.clientIdByRequest) if (cid === clientId) this.clientIdByRequest.delete(rid);
    this.save();
    return entry;
  }

  /** Marks an entry refused for good (it stays, shown as failed, until retried or discarded). */
  fail(clientId, code, message) {
    const entry = this.byClientId.get(clientId);
    if (entry) {
      entry.failed = { code, message };
      this.save();
    }
    return entry;
  }

  unfail(clientId) {
    const entry = this.byClientId.get(clientId);
    if (entry) {
      delete entry.failed;
      this.save();
    }
    return entry;
  }

  /** The entries, oldest first; `sendable` leaves out the failed ones. */
  pending(sendable = false) {
    const all = [...this.byClientId.values()];
    return sendable ? all.filter((e) => !e.failed) : all;
  }

  get size() {
    return this.byClientId.size;
  }

  save() {
    this.persist(this.pending().map(({ _retry, ...kept }) => kept));
  }
}
