import { openSync } from 'node:fs';
import { pino, type DestinationStream, type Logger } from 'pino';
import { LogLineBatcher } from './log-line-batcher.js';

/**
 * An asynchronous, buffered log destination on a file descriptor or path:
 * lines are gathered by `LogLineBatcher` and written by sonic-boom, about
 * one write per 12 KiB or every 100 ms, whichever comes first; the rest is
 * written when the process exits. A path is created with mode 0600.
 */
export function bufferedLogDestination(dest: number | string): DestinationStream {
  // A path is opened here, synchronously, so lines logged just before an
  // early exit are not lost to a file that was still being opened.
  const fd = typeof dest === 'number' ? dest : openSync(dest, 'a', 0o600);
  // minLength 1, not 0: every batch is still written at once, but with 0
  // sonic-boom's flush(cb) calls back before a write in flight has landed.
  return new LogLineBatcher(pino.destination({ dest: fd, sync: false, minLength: 1 }), fd);
}

/**
 * Structured logs (pino). Credentials are redacted by path so that no
 * header or config value carrying a key reaches a log line. `stderr` is
 * written through `bufferedLogDestination`.
 */
export function createLogger(
  options: { level?: string; destination?: DestinationStream | 'stderr' } = {},
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: null,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'headers.authorization',
          'headers["x-api-key"]',
          'apiKey',
          'key',
          '*.apiKey',
        ],
        censor: '[redacted]',
      },
    },
    options.destination === 'stderr' ? bufferedLogDestination(2) : options.destination,
  );
}
