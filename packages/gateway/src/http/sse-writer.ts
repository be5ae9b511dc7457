import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * Writes SSE frames, waiting on backpressure; resolves false once the client
 * is gone. Frames written in the same tick go out in one `write` (one HTTP
 * chunk, one syscall); each stays its own SSE event, and the batch leaves
 * before the next I/O turn, so no frame waits on a later upstream event.
 */
export class SseWriter {
  #batch = '';
  #scheduled = false;
  #waiting: Promise<boolean> | undefined;

  constructor(private readonly res: ServerResponse) {}

  start(): void {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.res.flushHeaders();
  }

  get open(): boolean {
    return !this.res.destroyed && !this.res.writableEnded;
  }

  data(payload: string, event?: string): boolean | Promise<boolean> {
    return this.raw(event ? `event: ${event}\ndata: ${payload}\n\n` : `data: ${payload}\n\n`);
  }

  raw(frame: string): boolean | Promise<boolean> {
    if (!this.open) return false;
    if (frame === '') return this.#waiting ?? true;
    this.#batch += frame;
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flush);
    }
    return this.#waiting ?? true;
  }

  #flush = (): void => {
    this.#scheduled = false;
    if (this.#batch === '' || !this.open) return;
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
    if (this.open) this.res.end();
  }
}
