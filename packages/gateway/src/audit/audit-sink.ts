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

/** Where audit records go. `write` never throws on the request path. */
export interface AuditSink {
  write(event: AuditEvent): void;
  close(): Promise<void>;
}

/** Longest time a record waits in memory before it is written (ms). */
export const AUDIT_FLUSH_MS = 20;
/** Pending bytes that trigger a write before the timer fires. */
const AUDIT_FLUSH_BYTES = 64 * 1024;

/**
 * Append-only JSONL file, continuing the chain of an existing file. Records
 * are chained at once (in request order) and written in batches: every
 * AUDIT_FLUSH_MS, or as soon as AUDIT_FLUSH_BYTES are pending, so a busy
 * gateway makes tens of file writes per second instead of one per event-loop
 * turn (each async write is a thread-pool round trip). `close` writes what
 * is pending; a crash loses at most the last AUDIT_FLUSH_MS of records, and
 * the chain of what was written still verifies.
 */
export function fileAuditSink(path: string): AuditSink {
  mkdirSync(dirname(path), { recursive: true });
  const chain = new AuditChain(
    existsSync(path) ? chainStateFromTail(readTail(path, 64 * 1024)) : undefined,
  );
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending === '') return;
    stream.write(pending);
    pending = '';
  };
  return {
    write(event) {
      pending += chain.next(event);
      if (pending.length >= AUDIT_FLUSH_BYTES) flush();
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
