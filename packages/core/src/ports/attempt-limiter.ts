/** A failure counter's state. */
export interface AttemptCount {
  /** Failures counted in the current window. */
  readonly count: number;
  /** Milliseconds until the window ends and the count starts again from zero; 0 if no window. */
  readonly resetInMs: number;
}

/**
 * Counts failed attempts per key in fixed windows (brute-force protection, RFC 6749 §4.3.2).
 *
 * Contract:
 * - `hit` adds one failure atomically and returns the new count. The window (and its expiry) is
 *   set only when the key is created, so further hits never extend it: a locked-out key always
 *   becomes free when its window ends. N concurrent hits from any number of processes count N.
 * - `peek` returns the current count without changing it (0 and 0 for an unknown key).
 * - `reset` forgets the key.
 */
export interface AttemptLimiter {
  hit(key: string, windowMs: number): Promise<AttemptCount>;
  peek(key: string): Promise<AttemptCount>;
  reset(key: string): Promise<void>;
}
