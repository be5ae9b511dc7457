import { Pool, type Dispatcher } from 'undici';
import { cancellableDelay, type CancelSignal } from './cancel-signal.js';
import { SseParser } from './sse-parser.js';
import type { ProviderResult, StreamEvents } from './provider.js';

/** Transport settings every HTTP provider adapter shares. */
export interface UpstreamTransportOptions {
  /** Time to response headers (ms). */
  timeoutMs?: number;
  /** Idle time between body chunks (ms). */
  idleTimeoutMs?: number;
  /** Retries of non-streaming calls on 429/5xx/connect errors, with backoff honouring Retry-After. */
  retries?: number;
  connections?: number;
  /** Injectable transport (tests); defaults to an undici Pool on the base URL's origin. */
  dispatcher?: Dispatcher;
}

/** One upstream origin with fixed headers: POSTs JSON and returns the body or the SSE payloads. */
export interface UpstreamClient {
  /** `path` is appended to the base URL's path (it may carry a query string). */
  post(path: string, body: unknown, stream: boolean, signal: CancelSignal): Promise<ProviderResult>;
  close(): Promise<void>;
}

/**
 * The HTTP core of the provider adapters, over an undici Pool (`request`,
 * not `fetch`: no Web Streams on the hot path). Non-streaming calls are
 * retried on connection errors, 429 and 5xx (529 "overloaded" included) with
 * exponential backoff, or the delay the upstream names in `Retry-After`.
 * Streams are never retried (a partial answer may already be on its way)
 * and are yielded event by event, never merged. A non-JSON error body is
 * replaced by a generic message so nothing upstream-specific leaks.
 */
export function createUpstreamClient(
  baseUrl: string,
  headers: Readonly<Record<string, string>>,
  options: UpstreamTransportOptions,
): UpstreamClient {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/$/, '');
  const dispatcher =
    options.dispatcher ??
    new Pool(base.origin, { connections: options.connections ?? 128, pipelining: 1 });
  const allHeaders = { 'content-type': 'application/json', ...headers };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const idleMs = options.idleTimeoutMs ?? 120_000;
  const retries = options.retries ?? 2;

  async function post(
    path: string,
    body: unknown,
    stream: boolean,
    signal: CancelSignal,
  ): Promise<ProviderResult> {
    const payload = JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      let response: Dispatcher.ResponseData;
      try {
        response = await dispatcher.request({
          origin: base.origin,
          path: prefix + path,
          method: 'POST',
          headers: allHeaders,
          body: payload,
          signal: undiciSignal(signal),
          headersTimeout: timeoutMs,
          bodyTimeout: idleMs,
        });
      } catch (error) {
        if (signal.aborted || stream || attempt >= retries) throw error;
        await cancellableDelay(retryDelayMs(attempt, undefined), signal);
        continue;
      }
      const retryable = response.statusCode === 429 || response.statusCode >= 500;
      if (retryable && !stream && attempt < retries) {
        const delay = retryDelayMs(
          attempt,
          headerText(response.headers, 'retry-after'),
          headerText(response.headers, 'retry-after-ms'),
        );
        await response.body.dump();
        await cancellableDelay(delay, signal);
        continue;
      }
      if (stream && response.statusCode < 300) {
        return { kind: 'stream', status: response.statusCode, events: sseEvents(response.body) };
      }
      const text = await response.body.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = {
          error: { message: 'upstream returned a non-JSON body', type: 'upstream_error' },
        };
      }
      return { kind: 'json', status: response.statusCode, body: parsed };
    }
  }

  return {
    post,
    close: async () => {
      if (!options.dispatcher) await dispatcher.close();
    },
  };
}

/**
 * Exponential backoff (250 ms × 2^n, max 8 s) unless the upstream says
 * otherwise: `retry-after-ms` (OpenAI and Azure send it) or `Retry-After`
 * (RFC 9110 §10.2.3, seconds or an HTTP date), capped at 30 s.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | undefined,
  retryAfterMs?: string,
): number {
  const ms = retryAfterMs === undefined ? NaN : Number(retryAfterMs);
  if (Number.isFinite(ms)) return Math.min(30_000, Math.max(0, ms));
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.min(30_000, Math.max(0, seconds * 1000));
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.min(30_000, Math.max(0, date - Date.now()));
  }
  return Math.min(8000, 250 * 2 ** attempt);
}

/**
 * undici reads a request's `signal` by duck typing (`aborted`, `reason`,
 * `addEventListener` / `removeEventListener`: lib/api/api-request.js,
 * lib/core/util.js `addAbortListener`), so any CancelSignal works there; its
 * declared type only names AbortSignal and EventEmitter.
 */
function undiciSignal(signal: CancelSignal): AbortSignal {
  return signal as AbortSignal;
}

function headerText(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Each SSE `data:` payload of a body as it arrives; `buffered` counts those parsed and not yet taken. */
function sseEvents(body: AsyncIterable<Buffer>): StreamEvents {
  const queue: string[] = [];
  return {
    get buffered() {
      return queue.length;
    },
    [Symbol.asyncIterator]: () => readSseEvents(body, queue),
  };
}

async function* readSseEvents(
  body: AsyncIterable<Buffer>,
  queue: string[],
): AsyncGenerator<string> {
  const parser = new SseParser((data) => void queue.push(data));
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (queue.length > 0) yield queue.shift() as string;
  }
  parser.feed(decoder.decode());
  parser.end();
  while (queue.length > 0) yield queue.shift() as string;
}
