/** One concurrency slot to take: under `key`, at most `max` held at once. */
export interface ConcurrencySlot {
  key: string;
  max: number;
}

/** Slots held for one request; `release` gives them back (once). */
export interface ConcurrencyLease {
  release(): Promise<void>;
}

export type AcquireResult =
  | { ok: true; lease: ConcurrencyLease }
  /** `full`: index of the first slot that had no room; nothing was taken. */
  | { ok: false; full: number };

/**
 * Counts requests in flight for max-concurrent limits. `acquire` is
 * all-or-nothing and atomic: it takes one slot under every key when each
 * has room, or none. The in-memory store counts one process; the Redis
 * store counts all replicas sharing it.
 */
export interface ConcurrencyStore {
  acquire(slots: readonly ConcurrencySlot[]): Promise<AcquireResult>;
}

export function memoryConcurrencyStore(): ConcurrencyStore {
  const held = new Map<string, number>();
  return {
    acquire(slots) {
      const full = slots.findIndex((s) => (held.get(s.key) ?? 0) >= s.max);
      if (full >= 0) return Promise.resolve({ ok: false, full });
      for (const s of slots) held.set(s.key, (held.get(s.key) ?? 0) + 1);
      let released = false;
      return Promise.resolve({
        ok: true,
        lease: {
          release() {
            if (released) return Promise.resolve();
            released = true;
            for (const s of slots) {
              const left = (held.get(s.key) ?? 1) - 1;
              if (left <= 0) held.delete(s.key);
              else held.set(s.key, left);
            }
            return Promise.resolve();
          },
        },
      });
    },
  };
}
