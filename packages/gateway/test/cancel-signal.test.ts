import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  abortSignalOf,
  cancellableDelay,
  createOpenAiCompatibleProvider,
  RequestCancellation,
  type Provider,
  type ProviderResult,
} from '../src/index.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('RequestCancellation', () => {
  it('calls each listener once, in order, and records the reason', () => {
    const cancel = new RequestCancellation();
    const calls: string[] = [];
    cancel.addEventListener('abort', () => calls.push('a'));
    cancel.addEventListener('abort', () => calls.push('b'));
    expect(cancel.aborted).toBe(false);
    cancel.abort('client went away');
    cancel.abort('again');
    expect(calls).toEqual(['a', 'b']);
    expect(cancel.aborted).toBe(true);
    expect(cancel.reason).toBe('client went away');
    expect(cancel.signal).toBe(cancel);
  });

  it('calls listeners as an EventTarget does: the signal as this, an abort event, handleEvent objects', () => {
    const cancel = new RequestCancellation();
    const seen: unknown[] = [];
    cancel.addEventListener('abort', function (this: unknown, event) {
      seen.push(this, event.type, event.target);
    });
    cancel.addEventListener('abort', { handleEvent: (event) => seen.push(event.currentTarget) });
    cancel.abort();
    expect(seen).toEqual([cancel, 'abort', cancel, cancel]);
  });

  it('cancels a fetch given the cancellation itself as its signal, without an uncaught error', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const cancel = new RequestCancellation();
    const call = fetch(`http://127.0.0.1:${port}/`, { signal: cancel as unknown as AbortSignal });
    await new Promise((r) => setTimeout(r, 20));
    cancel.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('gives an AbortError by default and ignores listeners added after the abort', () => {
    const cancel = new RequestCancellation();
    cancel.abort();
    expect(cancel.reason).toMatchObject({ name: 'AbortError' });
    const late = vi.fn();
    cancel.addEventListener('abort', late);
    expect(late).not.toHaveBeenCalled();
  });

  it('does not call a removed listener', () => {
    const cancel = new RequestCancellation();
    const removed = vi.fn();
    const kept = vi.fn();
    cancel.addEventListener('abort', removed);
    cancel.addEventListener('abort', kept);
    cancel.removeEventListener('abort', removed);
    cancel.removeEventListener('abort', () => undefined);
    cancel.abort();
    expect(removed).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledOnce();
  });

  it('runs every listener when one throws and reports the error as uncaught', () => {
    const deferred: (() => void)[] = [];
    vi.spyOn(process, 'nextTick').mockImplementation(((callback: () => void) => {
      deferred.push(callback);
    }) as typeof process.nextTick);
    const cancel = new RequestCancellation();
    const after = vi.fn();
    cancel.addEventListener('abort', () => {
      throw new Error('listener failed');
    });
    cancel.addEventListener('abort', after);
    expect(() => cancel.abort()).not.toThrow();
    expect(after).toHaveBeenCalledOnce();
    expect(deferred).toHaveLength(1);
    expect(() => deferred[0]?.()).toThrow('listener failed');
  });
});

describe('the Provider contract', () => {
  it('refuses, at compile time, a provider that expects an AbortSignal', () => {
    const fetchLike = (_signal: AbortSignal): Promise<ProviderResult> =>
      Promise.resolve({ kind: 'json', status: 200, body: {} });
    const call = (_request: unknown, signal: AbortSignal) => fetchLike(signal);
    // @ts-expect-error: a provider must take a CancelSignal (or call abortSignalOf).
    const provider: Provider = { chat: call, embeddings: call };
    expect(typeof provider.chat).toBe('function');
  });
});

describe('abortSignalOf', () => {
  it('returns an AbortSignal as it is', () => {
    const signal = new AbortController().signal;
    expect(abortSignalOf(signal)).toBe(signal);
  });

  it('gives a real AbortSignal that follows the cancellation', () => {
    const cancel = new RequestCancellation();
    const signal = abortSignalOf(cancel);
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
    cancel.abort('stop');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('stop');
  });

  it('is aborted at once for a cancellation that already fired', () => {
    const cancel = new RequestCancellation();
    cancel.abort('done');
    expect(abortSignalOf(cancel)).toMatchObject({ aborted: true, reason: 'done' });
  });
});

describe('cancellableDelay', () => {
  it('resolves after the delay and leaves no listener behind', async () => {
    vi.useFakeTimers();
    const cancel = new RequestCancellation();
    const remove = vi.spyOn(cancel, 'removeEventListener');
    const done = vi.fn();
    const delay = cancellableDelay(500, cancel).then(done);
    await vi.advanceTimersByTimeAsync(499);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await delay;
    expect(done).toHaveBeenCalledOnce();
    expect(remove).toHaveBeenCalledOnce();
    // Aborting afterwards rejects nothing.
    cancel.abort();
  });

  it('rejects with the reason as soon as the signal aborts and clears its timer', async () => {
    vi.useFakeTimers();
    const cancel = new RequestCancellation();
    const delay = cancellableDelay(60_000, cancel);
    cancel.abort('client went away');
    await expect(delay).rejects.toBe('client went away');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once when the signal has already aborted', async () => {
    const cancel = new RequestCancellation();
    cancel.abort('too late');
    await expect(cancellableDelay(10, cancel)).rejects.toBe('too late');
    await expect(cancellableDelay(10, AbortSignal.abort('native'))).rejects.toBe('native');
  });
});

describe('upstream calls under a RequestCancellation', () => {
  it('cancels a call waiting for the upstream, which sees the connection close', async () => {
    let closed: () => void = () => undefined;
    const upstreamClosed = new Promise<void>((r) => (closed = r));
    const arrived: IncomingMessage[] = [];
    const silent = createServer((req) => {
      arrived.push(req);
      req.socket.on('close', () => closed());
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const provider = createOpenAiCompatibleProvider({ baseUrl: `http://127.0.0.1:${port}/v1` });
    const cancel = new RequestCancellation();
    const call = provider.chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, cancel);
    while (arrived.length === 0) await new Promise((r) => setTimeout(r, 5));
    cancel.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    await upstreamClosed;
    await provider.close?.();
    await new Promise<void>((r) => silent.close(() => r()));
  });

  it('stops waiting between retries when cancelled', async () => {
    let calls = 0;
    const busy = createServer((_req, res) => {
      calls++;
      res.writeHead(503, { 'retry-after': '30', 'content-type': 'application/json' });
      res.end('{"error":{"message":"busy"}}');
    });
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as AddressInfo).port;
    const provider = createOpenAiCompatibleProvider({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      retries: 2,
    });
    const cancel = new RequestCancellation();
    const call = provider.chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, cancel);
    while (calls === 0) await new Promise((r) => setTimeout(r, 5));
    // The first answer asked for a 30 s wait; cancelling must end it now.
    await new Promise((r) => setTimeout(r, 20));
    cancel.abort('client went away');
    await expect(call).rejects.toBe('client went away');
    expect(calls).toBe(1);
    await provider.close?.();
    busy.closeAllConnections();
    await new Promise<void>((r) => busy.close(() => r()));
  });
});
