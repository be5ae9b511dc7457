/**
 * Cancellation of an upstream call. Node's AbortSignal costs several
 * microseconds to create and to listen on (it is an EventTarget), on every
 * request, and almost no request is ever cancelled; the gateway therefore
 * hands providers a lighter signal with the same read side. Anything that
 * has this shape works, an AbortSignal included; `abortSignalOf` gives a real
 * AbortSignal for the APIs that insist on one (`fetch`, `node:timers/promises`).
 */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: AbortListener, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: AbortListener): void;
}

/**
 * The event an abort listener receives: the fields of a DOM `Event` that
 * listeners read (`type` is "abort"; the target is the signal).
 */
export interface AbortEventLike {
  readonly type: string;
  readonly target: unknown;
  readonly currentTarget: unknown;
}

/**
 * An abort listener: a function, called with the signal as `this` and the
 * event (as an EventTarget calls it), or an object with `handleEvent`.
 * AbortSignal's own listener type fits, so an AbortSignal is a CancelSignal.
 */
export type AbortListener =
  ((this: unknown, event: AbortEventLike) => void) | { handleEvent(event: AbortEventLike): void };

/**
 * One request's cancellation: `abort()` marks it cancelled and calls each
 * listener once, in the order added. Listeners are always one-shot (the
 * signal can only fire once). Used as the request's `signal` and, like an
 * AbortController, the object that aborts it.
 */
export class RequestCancellation implements CancelSignal {
  #aborted = false;
  #reason: unknown = undefined;
  #listeners: AbortListener[] | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  /** The signal side (this object), so call sites read like an AbortController's. */
  get signal(): CancelSignal {
    return this;
  }

  addEventListener(type: 'abort', listener: AbortListener): void {
    if (type !== 'abort' || this.#aborted) return;
    (this.#listeners ??= []).push(listener);
  }

  removeEventListener(type: 'abort', listener: AbortListener): void {
    const listeners = this.#listeners;
    if (type !== 'abort' || !listeners) return;
    const at = listeners.lastIndexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  }

  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const listeners = this.#listeners ?? [];
    this.#listeners = undefined;
    if (listeners.length === 0) return;
    // Listeners written for an AbortSignal (fetch's, for one) read `this` and the event.
    const event: AbortEventLike = { type: 'abort', target: this, currentTarget: this };
    for (const listener of listeners) {
      try {
        if (typeof listener === 'function') listener.call(this, event);
        else listener.handleEvent(event);
      } catch (error) {
        // As an EventTarget does: the other listeners still run, and the
        // error is reported as uncaught rather than thrown at the caller.
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }
}

/** A real AbortSignal that aborts with `signal` (the signal itself when it already is one). */
export function abortSignalOf(signal: CancelSignal): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it
 * aborts (at once when it already has); the timer and the listener are
 * released either way.
 */
export function cancellableDelay(ms: number, signal: CancelSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
