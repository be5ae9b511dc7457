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

  async data(payload: string, event?: string): Promise<boolean> {
    return this.raw(event ? `event: ${event}\ndata: ${payload}\n\n` : `data: ${payload}\n\n`);
  }

  async raw(frame: string): Promise<boolean> {
    if (!this.open) return false;
    if (!this.res.write(frame)) {
      await Promise.race([once(this.res, 'drain'), once(this.res, 'close')]);
    }
    return this.open;
  }

  end(): void {
    if (this.open) this.res.end();
  }
}
