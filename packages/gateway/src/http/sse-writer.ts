import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * Checks the content text about to leave in one batch; returns the frame to
 * send instead (the stream then ends) or undefined to let the batch go.
 */
export type ReleaseCheck = (text: string) => string | undefined;

/**
 * Writes SSE frames, waiting on backpressure; resolves false once the client
 * is gone. Frames written in the same tick go out in one `write` (one HTTP
 * chunk, one syscall); each stays its own SSE event, and the batch leaves
 * before the next I/O turn, so no frame waits on a later upstream event.
 * The response headers go out with the first batch, or alone at the end of
 * the tick that started the stream when no frame is ready by then.
 *
 * With a `ReleaseCheck`, the content text of every batch is checked once,
 * just before the batch is written: nothing reaches the client unchecked,
 * and a refused batch is replaced by the check's error frame, which ends
 * the stream.
 */
export class SseWriter {
  #batch = '';
  #text = '';
  #scheduled = false;
  #stopped = false;
  #headersOut = false;
  #waiting: Promise<boolean> | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly check?: ReleaseCheck,
  ) {}

  start(): void {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Not flushed here: the headers leave with the first batch (one write,
    // not two), or alone when the tick that started the stream ends with
    // no frame ready, so a slow upstream never holds them back.
    this.#schedule();
  }

  get open(): boolean {
    return !this.#stopped && !this.res.destroyed && !this.res.writableEnded;
  }

  data(payload: string, event?: string): boolean | Promise<boolean> {
    return this.raw(event ? `event: ${event}\ndata: ${payload}\n\n` : `data: ${payload}\n\n`);
  }

  /**
   * Queues `frame`; `text` is the content it carries (what the release check
   * reads). Text passed with an empty frame is still checked with the next
   * batch, since an encoder may send it in a later frame.
   */
  raw(frame: string, text = ''): boolean | Promise<boolean> {
    if (!this.open) return false;
    this.#text += text;
    if (frame === '') return this.#waiting ?? true;
    this.#batch += frame;
    this.#schedule();
    return this.#waiting ?? true;
  }

  #schedule(): void {
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flush);
    }
  }

  #flush = (): void => {
    this.#scheduled = false;
    if (this.res.destroyed || this.res.writableEnded) return;
    if (this.#text !== '' && this.check && !this.#stopped) {
      const replacement = this.check(this.#text);
      if (replacement !== undefined) {
        this.#batch = replacement;
        this.#stopped = true;
      }
    }
    this.#text = '';
    if (this.#batch === '') {
      if (!this.#headersOut) this.res.flushHeaders();
      this.#headersOut = true;
      return;
    }
    this.#headersOut = true;
    const ok = this.res.write(this.#batch);
    this.#batch = '';
    if (!ok && !this.#waiting) {
      this.#waiting = Promise.race([once(this.res, 'drain'), once(this.res, 'close')]).then(() => {
        this.#waiting = undefined;
        return this.open;
      });
    }
  };

  end(): void {
    this.#flush();
    if (!this.res.destroyed && !this.res.writableEnded) this.res.end();
  }
}
