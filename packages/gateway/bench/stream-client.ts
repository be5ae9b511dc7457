// Client side of the gateway-streams benchmark: opens one SSE chat stream
// through an undici Pool, timestamps the first content event and counts
// content events (a proxy that merges events delivers fewer). Optionally
// disconnects after a number of events.
import { Pool } from 'undici';
import { body } from './bench-shared.js';

/** Where streams go: the upstream directly, or a proxy in front of it. */
export interface StreamTarget {
  pool: Pool;
  /** Request path, e.g. `/v1/chat/completions`. */
  path: string;
}

export interface StreamOutcome {
  ok: boolean;
  status: number;
  /** Milliseconds from sending the request to the first content event. */
  ttfcMs: number;
  contentEvents: number;
  timedOut: boolean;
  /** Set when the stream failed (connection error, non-200). */
  error?: string;
}

export interface StreamRequest {
  model: string;
  key: string;
  timeoutMs?: number;
  /** Disconnect after this many content events. */
  abortAfterEvents?: number;
  /** Called once the first content event arrived. */
  onFirstContent?: () => void;
}

export function targetOf(origin: string, path: string, connections: number): StreamTarget {
  return { pool: new Pool(origin, { connections, pipelining: 1 }), path };
}

/** Counts the content deltas in complete SSE frames of `text`; returns the unparsed rest. */
function countFrames(text: string): { events: number; rest: string } {
  let events = 0;
  let start = 0;
  for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n', start)) {
    const frame = text.slice(start, end);
    start = end + 2;
    const data = frame.split('\n').find((line) => line.startsWith('data: '));
    if (!data || data === 'data: [DONE]') continue;
    const parsed = JSON.parse(data.slice(6)) as {
      choices?: { delta?: { content?: unknown } }[];
    };
    const content = parsed.choices?.[0]?.delta?.content;
    if (typeof content === 'string' && content.length > 0) events++;
  }
  return { events, rest: text.slice(start) };
}

/** Opens one stream and reads it to the end (or until it disconnects on purpose). */
export async function openStream(
  target: StreamTarget,
  request: StreamRequest,
): Promise<StreamOutcome> {
  const controller = new AbortController();
  const timeoutMs = request.timeoutMs ?? 30_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const started = performance.now();
  let ttfcMs = Number.NaN;
  let contentEvents = 0;
  let status = 0;
  try {
    const response = await target.pool.request({
      path: target.path,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${request.key}` },
      body: body(true, request.model),
      signal: controller.signal,
    });
    status = response.statusCode;
    if (status !== 200) {
      await response.body.dump();
      return { ok: false, status, ttfcMs, contentEvents, timedOut, error: `status ${status}` };
    }
    let pending = '';
    for await (const chunk of response.body) {
      const counted = countFrames(pending + (chunk as Buffer).toString('utf8'));
      pending = counted.rest;
      if (counted.events > 0 && contentEvents === 0) {
        ttfcMs = performance.now() - started;
        request.onFirstContent?.();
      }
      contentEvents += counted.events;
      if (request.abortAfterEvents !== undefined && contentEvents >= request.abortAfterEvents) {
        controller.abort();
        break;
      }
    }
    return { ok: true, status, ttfcMs, contentEvents, timedOut };
  } catch (error) {
    const aborted =
      request.abortAfterEvents !== undefined && !timedOut && controller.signal.aborted;
    return {
      ok: aborted,
      status,
      ttfcMs,
      contentEvents,
      timedOut,
      ...(aborted ? {} : { error: error instanceof Error ? error.message : String(error) }),
    };
  } finally {
    clearTimeout(timer);
  }
}
