/** Result of adding to a fixed-window counter. */
export interface CounterResult {
  /** Count in the current window after this call (amount added only when allowed). */
  count: number;
  allowed: boolean;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/**
 * Shared fixed-window counters for rate limits and token budgets: adds
 * `amount` to `key` unless that would exceed `limit`, atomically. The
 * in-memory store serves one process; the Redis store serves replicas.
 */
export interface CounterStore {
  consume(key: string, amount: number, limit: number, windowMs: number): Promise<CounterResult>;
  close?(): Promise<void>;
}

export function memoryCounterStore(now: () => number = Date.now): CounterStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let sweepAt = 0;
  return {
    consume(key, amount, limit, windowMs) {
      const t = now();
      if (t > sweepAt) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        sweepAt = t + 60_000;
      }
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowMs };
        windows.set(key, w);
      }
      const allowed = w.count + amount <= limit;
      if (allowed) w.count += amount;
      return Promise.resolve({ count: w.count, allowed, resetMs: w.resetAt - t });
    },
  };
}
