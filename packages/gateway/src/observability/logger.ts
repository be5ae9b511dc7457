import { pino, type DestinationStream, type Logger } from 'pino';

/** Log bytes buffered before a write (one thread-pool write per ~12 KiB, not one per request; sonic-boom caps it below its 16 KiB write size). */
const LOG_BUFFER_BYTES = 12 * 1024;
/** Longest time a buffered line waits before it is written (ms), so quiet periods still log promptly. */
const LOG_FLUSH_MS = 100;

/**
 * An asynchronous, buffered log destination on a file descriptor or path:
 * writes when LOG_BUFFER_BYTES are pending or every LOG_FLUSH_MS, whichever
 * comes first (pino flushes the rest when the process exits).
 */
export function bufferedLogDestination(dest: number | string): DestinationStream {
  return pino.destination({
    dest,
    sync: false,
    minLength: LOG_BUFFER_BYTES,
    periodicFlush: LOG_FLUSH_MS,
  });
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
