import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, type Dispatcher } from 'undici';
import { SseParser } from './sse-parser.js';
import type { Provider, ProviderResult } from './provider.js';

/** Settings of an OpenAI-compatible upstream (OpenAI, Azure-style gateways, vLLM, Ollama, LM Studio). */
export interface OpenAiCompatibleOptions {
  /** Base URL including the API prefix, e.g. `https://api.openai.com/v1`. Fixed by config (no SSRF). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set; resolved from env/file at the edge. */
  apiKey?: string;
  /** Extra headers for every upstream call (e.g. `api-key` for Azure). */
  headers?: Record<string, string>;
  /** Time to response headers (ms). */
  timeoutMs?: number;
  /** Idle time between body chunks (ms). */
  idleTimeoutMs?: number;
  /** Retries of non-streaming calls on 429/5xx/connect errors, with backoff honouring Retry-After. */
  retries?: number;
  /** Upstream connections at most (default 128); a call beyond it waits for a free one. */
  connections?: number;
  /** Injectable transport (tests); defaults to an undici Pool on `baseUrl`. */
  dispatcher?: Dispatcher;
}

/**
 * Adapter for any server speaking the OpenAI wire format, over an undici
 * Pool (`request`, not `fetch`: no Web Streams on the hot path). Streams are
 * parsed with eventsource-parser and yielded event by event, never merged.
 */
export function createOpenAiCompatibleProvider(options: OpenAiCompatibleOptions): Provider {
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/$/, '');
  const dispatcher =
    options.dispatcher ??
    new Pool(base.origin, { connections: options.connections ?? 128, pipelining: 1 });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...options.headers,
  };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const idleMs = options.idleTimeoutMs ?? 120_000;
  const retries = options.retries ?? 2;

  async function call(
    path: string,
    body: unknown,
    stream: boolean,
    signal: AbortSignal,
  ): Promise<ProviderResult> {
    const payload = JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      let response: Dispatcher.ResponseData;
      try {
        response = await dispatcher.request({
          origin: base.origin,
          path: prefix + path,
          method: 'POST',
          headers,
          body: payload,
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: idleMs,
        });
      } catch (error) {
        if (signal.aborted || stream || attempt >= retries) throw error;
        await sleep(backoff(attempt, undefined), undefined, { signal });
        continue;
      }
      const retryable = response.statusCode === 429 || response.statusCode >= 500;
      if (retryable && !stream && attempt < retries) {
        const retryAfter = response.headers['retry-after'];
        await response.body.dump();
        await sleep(
          backoff(attempt, typeof retryAfter === 'string' ? retryAfter : undefined),
          undefined,
          { signal },
        );
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
    chat: (request, signal) => call('/chat/completions', request, request.stream === true, signal),
    embeddings: (request, signal) => call('/embeddings', request, false, signal),
    close: async () => {
      if (!options.dispatcher) await dispatcher.close();
    },
  };
}

/** Exponential backoff (250 ms × 2^n, max 8 s) unless Retry-After (RFC 9110 §10.2.3) says otherwise. */
function backoff(attempt: number, retryAfter: string | undefined): number {
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.min(30_000, Math.max(0, seconds * 1000));
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.min(30_000, Math.max(0, date - Date.now()));
  }
  return Math.min(8000, 250 * 2 ** attempt);
}

/** Yields each SSE `data:` payload of a body as it arrives. */
async function* sseEvents(body: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const queue: string[] = [];
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
