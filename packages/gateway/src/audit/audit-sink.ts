import {
  closeSync,
  createWriteStream,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { AuditChain, chainStateFromTail } from './audit-chain.js';
import type { AuditEvent } from './audit-record.js';

/**
 * Where audit records go. `write` never throws on the request path. A sink
 * may serialise an event after `write` returns (the file sink does so at its
 * next flush), so callers hand the event over and never change it again.
 */
export interface AuditSink {
  write(event: AuditEvent): void;
  close(): Promise<void>;
}

/** Longest time a record waits in memory before it is written (ms). */
export const AUDIT_FLUSH_MS = 20;
/** Pending bytes of records that trigger a write before the timer fires. */
const AUDIT_FLUSH_BYTES = 64 * 1024;
/** Events waiting to be chained that trigger a write (small records: about 64 KiB). */
export const AUDIT_FLUSH_EVENTS = 128;

/**
 * Append-only JSONL file, continuing the chain of an existing file, written
 * in batches: every AUDIT_FLUSH_MS, or as soon as AUDIT_FLUSH_BYTES of
 * records or AUDIT_FLUSH_EVENTS unserialised events are pending, so a busy
 * gateway makes tens of file writes per second instead of one per event-loop
 * turn (each async write is a thread-pool round trip). Events without
 * message content (the default `metadata` mode) are stamped with their time
 * and chained at the flush, in order, in one tight loop: serialising and
 * hashing a hundred small records together costs a fraction of doing it
 * between requests, with the caches full of other code. An event carrying
 * content is chained at once (after those before it), so what waits in
 * memory stays small. `close` writes what is pending; a crash loses at most
 * the last AUDIT_FLUSH_MS of records, and the chain of what was written
 * still verifies.
 */
export function fileAuditSink(path: string): AuditSink {
  mkdirSync(dirname(path), { recursive: true });
  const chain = new AuditChain(
    existsSync(path) ? chainStateFromTail(readTail(path, 64 * 1024)) : undefined,
  );
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  let lines = '';
  let events: AuditEvent[] = [];
  let times: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  const chainWaiting = (): void => {
    for (let i = 0; i < events.length; i++) {
      lines += chain.next(events[i] as AuditEvent, new Date(times[i] as number));
    }
    events = [];
    times = [];
  };
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    chainWaiting();
    if (lines === '') return;
    stream.write(lines);
    lines = '';
  };
  return {
    write(event) {
      if (event.content?.request !== undefined || event.content?.response !== undefined) {
        chainWaiting();
        lines += chain.next(event);
      } else {
        events.push(event);
        times.push(Date.now());
      }
      if (lines.length >= AUDIT_FLUSH_BYTES || events.length >= AUDIT_FLUSH_EVENTS) flush();
      else timer ??= setTimeout(flush, AUDIT_FLUSH_MS);
    },
    close: () =>
      new Promise((resolve) => {
        flush();
        stream.end(resolve);
      }),
  };
}

/** Chained JSONL on a writable stream (stdout for log shippers). */
export function streamAuditSink(out: { write(chunk: string): unknown }): AuditSink {
  const chain = new AuditChain();
  return { write: (event) => void out.write(chain.next(event)), close: () => Promise.resolve() };
}

/** Keeps chained lines in memory (tests). */
export function memoryAuditSink(): AuditSink & { lines: string[]; events: AuditEvent[] } {
  const chain = new AuditChain();
  const lines: string[] = [];
  const events: AuditEvent[] = [];
  return {
    lines,
    events,
    write(event) {
      events.push(event);
      lines.push(chain.next(event));
    },
    close: () => Promise.resolve(),
  };
}

function readTail(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
