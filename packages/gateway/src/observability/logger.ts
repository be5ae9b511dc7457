import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs (pino). Credentials are redacted by path so that no
 * header or config value carrying a key reaches a log line.
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
    options.destination === 'stderr' ? pino.destination(2) : options.destination,
  );
}
