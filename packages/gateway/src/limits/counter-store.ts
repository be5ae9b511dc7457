/** One fixed-window counter to add to: `amount` to `key` unless that exceeds `limit`. */
export interface CounterRequest {
  key: string;
  amount: number;
  limit: number;
  windowMs: number;
}

/** State of one counter after a `consume` call. */
export interface CounterResult {
  /** Count in the current window (after this call when the batch was allowed). */
  count: number;
  /** Whether this counter had room for its amount. */
  allowed: boolean;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/** Outcome of a batch: added everywhere (`allowed`) or nowhere. */
export interface CounterBatchResult {
  allowed: boolean;
  /** One result per request, in order. */
  results: CounterResult[];
}

/**
 * Shared fixed-window counters for rate limits and token budgets. `consume`
 * is all-or-nothing and atomic: every counter of the batch is checked, and
 * the amounts are added only when all of them fit, so a request refused by
 * one limit (say its tenant's) is not charged to the others (its key's).
 * The in-memory store serves one process; the Redis store serves replicas.
 */
export interface CounterStore {
  consume(requests: readonly CounterRequest[]): Promise<CounterBatchResult>;
  close?(): Promise<void>;
}

export function memoryCounterStore(now: () => number = Date.now): CounterStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let sweepAt = 0;
  const current = (key: string, windowMs: number, t: number) => {
    let w = windows.get(key);
    if (!w || w.resetAt <= t) {
      w = { count: 0, resetAt: t + windowMs };
      windows.set(key, w);
    }
    return w;
  };
  return {
    consume(requests) {
      const t = now();
      if (t > sweepAt) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        sweepAt = t + 60_000;
      }
      // Single-threaded: nothing can interleave between the check and the add.
      const states: { count: number; resetAt: number }[] = [];
      const fits: boolean[] = [];
      let allowed = true;
      for (const r of requests) {
        const w = current(r.key, r.windowMs, t);
        const fit = w.count + r.amount <= r.limit;
        states.push(w);
        fits.push(fit);
        if (!fit) allowed = false;
      }
      if (allowed)
        for (let i = 0; i < states.length; i++)
          (states[i] as { count: number }).count += (requests[i] as CounterRequest).amount;
      const results: CounterResult[] = [];
      for (let i = 0; i < states.length; i++) {
        const w = states[i] as { count: number; resetAt: number };
        results.push({ count: w.count, allowed: fits[i] as boolean, resetMs: w.resetAt - t });
      }
      return Promise.resolve({ allowed, results });
    },
  };
}
