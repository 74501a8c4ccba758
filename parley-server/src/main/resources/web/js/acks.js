// Decides when to acknowledge processed cursors (the Java SDK's AckCoalescer): a burst of updates costs one
// `ack` frame instead of one per update. The owner flushes when processed() says the batch is full, when its
// delay timer fires, and at `synced`.
export class AckCoalescer {
  constructor(maxBatch = 100) {
    if (maxBatch < 1) throw new RangeError('ack batch must be >= 1');
    this.maxBatch = maxBatch;
    this.processedCursor = 0;
    this.acked = 0;
    this.unacked = 0;
  }

  /** A new connection starts: the server already holds `serverCursor` for this device. */
  reset(serverCursor) {
    this.acked = serverCursor;
    this.unacked = this.processedCursor > this.acked ? 1 : 0;
  }

  /** Records that every update up to `cursor` is processed; true when the batch is full (flush now). */
  processed(cursor) {
    if (cursor > this.processedCursor) {
      this.processedCursor = cursor;
      this.unacked++;
    }
    return this.unacked >= this.maxBatch;
  }

  hasPending() {
    return this.processedCursor > this.acked;
  }

  /** The cursor to acknowledge now, marking it acknowledged; null when there is nothing new. */
  take() {
    this.unacked = 0;
    if (this.processedCursor <= this.acked) return null;
    this.acked = this.processedCursor;
    return this.processedCursor;
  }
}
