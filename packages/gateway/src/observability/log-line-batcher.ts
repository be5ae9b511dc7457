import { writeSync } from 'node:fs';
import type { DestinationStream } from 'pino';

/** Characters of log lines gathered before they are handed over (one write per ~12 K, not one per request). */
export const LOG_BATCH_CHARS = 12 * 1024;
/** Longest time a gathered line waits before it is handed over (ms), so quiet periods still log promptly. */
export const LOG_FLUSH_MS = 100;

/** The writer a batcher hands its batches to: sonic-boom (`pino.destination`) or a test double. */
export interface BatchWriter {
  write(batch: string): unknown;
  flush(cb?: (error?: Error) => void): void;
  flushSync(): void;
  end(): void;
}

/** Batchers with lines still to write when the process exits. */
const live = new Set<LogLineBatcher>();
let exitHooked = false;

/**
 * Gathers log lines and hands them to an asynchronous writer in batches of
 * about LOG_BATCH_CHARS, or after LOG_FLUSH_MS; what is gathered is written
 * synchronously when the process is about to exit. Appending a line costs one string
 * append: sonic-boom's own `minLength` batching measured the UTF-8 length of
 * the whole pending batch on every line, which flattened and rescanned it
 * each time (about 8 KB allocated per line at a 12 KB batch).
 */
export class LogLineBatcher implements DestinationStream {
  #pending = '';
  #timer: NodeJS.Timeout | undefined;

  /**
   * `fd`, when given, is the descriptor the writer writes to: lines still
   * gathered at exit are then written to it synchronously, after the
   * writer's own synchronous flush, instead of through an asynchronous
   * write the exiting process would not wait for.
   */
  constructor(
    private readonly writer: BatchWriter,
    private readonly fd?: number,
  ) {
    live.add(this);
    if (!exitHooked) {
      exitHooked = true;
      // Prepended: the lines must reach the writer before pino's own exit
      // handlers flush (on 'exit') or end (on 'beforeExit') a sonic-boom.
      const drain = (): void => {
        for (const batcher of live) batcher.flushSync();
      };
      process.prependListener('beforeExit', drain);
      process.prependListener('exit', drain);
    }
  }

  write(line: string): void {
    this.#pending += line;
    if (this.#pending.length >= LOG_BATCH_CHARS) this.#handOver();
    else this.#timer ??= setTimeout(this.#handOverLater, LOG_FLUSH_MS).unref();
  }

  /** What pino's `logger.flush(cb)` calls. */
  flush(cb?: (error?: Error) => void): void {
    this.#handOver();
    this.writer.flush(cb);
  }

  /** Writes everything gathered now; never throws (a log destination that failed has nowhere to report to). */
  flushSync(): void {
    try {
      if (this.fd === undefined) {
        this.#handOver();
        this.writer.flushSync();
        return;
      }
      this.writer.flushSync();
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = undefined;
      const rest = Buffer.from(this.#pending);
      this.#pending = '';
      writeAllSync(this.fd, rest);
    } catch {
      // not open yet, already ended or broken: nothing more can be done for these lines
    }
  }

  end(): void {
    this.#handOver();
    live.delete(this);
    this.writer.end();
  }

  /** The timer's hand-over: a writer that fails now has nowhere to report to, and must not crash the process. */
  #handOverLater = (): void => {
    try {
      this.#handOver();
    } catch {
      // destroyed or broken destination: these lines cannot be written
    }
  };

  #handOver = (): void => {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending === '') return;
    const batch = this.#pending;
    this.#pending = '';
    this.writer.write(batch);
  };
}

/** Tries on a full non-blocking pipe (EAGAIN) before the rest is given up: about a second. */
const EAGAIN_TRIES = 1000;

/** Writes all of `bytes` to `fd`, waiting 1 ms whenever a non-blocking pipe is full. */
function writeAllSync(fd: number, bytes: Buffer): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let tries = 0;
  for (let at = 0; at < bytes.length;) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || ++tries > EAGAIN_TRIES) throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
