import { pino, type DestinationStream, type Logger } from 'pino';

/** Log bytes buffered before a write: one syscall per ~4 KiB, not one per request. */
const LOG_BUFFER_BYTES = 4096;

/**
 * Structured logs (pino). Credentials are redacted by path so that no
 * header or config value carrying a key reaches a log line. `stderr` is
 * written asynchronously in 4 KiB batches (pino flushes what is left when
 * the process exits).
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
    options.destination === 'stderr'
      ? pino.destination({ dest: 2, sync: false, minLength: LOG_BUFFER_BYTES })
      : options.destination,
  );
}
