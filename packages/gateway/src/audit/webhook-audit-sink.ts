import { request } from 'undici';
import { AuditChain } from './audit-chain.js';
import type { AuditSink } from './audit-sink.js';

export interface WebhookAuditOptions {
  /** Fixed by config (never from a request). */
  url: string;
  headers?: Record<string, string>;
  /** Batch window in ms (default 1000). */
  flushMs?: number;
  /** Called when a batch cannot be delivered (the batch is dropped after 3 tries). */
  onError?: (error: unknown) => void;
}

/**
 * Sends chained JSONL records to a webhook in batches (`POST`,
 * `content-type: application/x-ndjson`), retrying a failed batch up to three
 * times. Delivery never blocks requests.
 */
export function webhookAuditSink(options: WebhookAuditOptions): AuditSink {
  const chain = new AuditChain();
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  let inflight: Promise<void> = Promise.resolve();
  const send = async (body: string): Promise<void> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const response = await request(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', ...options.headers },
          body,
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        await response.body.dump();
        if (response.statusCode < 300) return;
        throw new Error(`audit webhook answered ${response.statusCode}`);
      } catch (error) {
        if (attempt === 2) options.onError?.(error);
        else await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  };
  const flush = (): void => {
    timer = undefined;
    if (pending === '') return;
    const body = pending;
    pending = '';
    inflight = inflight.then(() => send(body));
  };
  return {
    write(event) {
      pending += chain.next(event);
      timer ??= setTimeout(flush, options.flushMs ?? 1000);
    },
    async close() {
      if (timer) clearTimeout(timer);
      flush();
      await inflight;
    },
  };
}
