// Reconnect delays, as the Java SDK's Backoff: exponential from min, doubling per consecutive failure up to
// max, minus a random jitter of up to `jitter` (a fraction) of that ceiling, never below min.
export class Backoff {
  constructor(min = 1000, max = 30000, jitter = 0.5, random = Math.random) {
    if (!(min > 0) || max < min || jitter < 0 || jitter > 1) throw new RangeError('bad backoff settings');
    Object.assign(this, { min, max, jitter, random });
  }

  /** The delay without jitter after `failures` consecutive failures: min * 2^failures, capped at max. */
  ceiling(failures) {
    if (failures < 0) throw new RangeError('failures must be >= 0');
    return failures >= 30 ? this.max : Math.min(this.max, this.min * 2 ** failures);
  }

  /** The delay before the next attempt after `failures` consecutive failures (0 for the first). */
  delay(failures) {
    const ceiling = this.ceiling(failures);
    return Math.max(this.min, Math.round(ceiling * (1 - this.jitter * this.random())));
  }
}
