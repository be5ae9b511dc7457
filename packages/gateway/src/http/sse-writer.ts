import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/** Writes SSE frames, waiting on backpressure; resolves false once the client is gone. */
export class SseWriter {
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

  /**
   * Writes one frame. Frames written in the same tick are corked into one
   * socket write (each stays its own SSE event); waits only on backpressure.
   */
  data(payload: string, event?: string): boolean | Promise<boolean> {
    return this.raw(event ? `event: ${event}\ndata: ${payload}\n\n` : `data: ${payload}\n\n`);
  }

  raw(frame: string): boolean | Promise<boolean> {
    if (!this.open) return false;
    if (frame === '') return true;
    if (!this.#corked) {
      this.#corked = true;
      this.res.cork();
      setImmediate(this.#uncork);
    }
    if (this.res.write(frame)) return true;
    return Promise.race([once(this.res, 'drain'), once(this.res, 'close')]).then(() => this.open);
  }

  #corked = false;
  #uncork = (): void => {
    this.#corked = false;
    this.res.uncork();
  };

  end(): void {
    if (this.#corked) this.#uncork();
    if (this.open) this.res.end();
  }
}
