import type { Middleware } from '../context.js';
import { reject } from '../http/reject.js';

/** Reads the JSON body up to `limitBytes` (413 beyond it, 400 when not JSON; empty allowed when optional). */
export function bodyLimit(limitBytes: number, options: { optional?: boolean } = {}): Middleware {
  return async function bodyLimitStep(ctx, next) {
    const declared = Number(ctx.req.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      reject(ctx, 'INPUT_TOO_LARGE', `Request body exceeds ${limitBytes} bytes`, {
        code: 'request_too_large',
      });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limitBytes) {
        reject(ctx, 'INPUT_TOO_LARGE', `Request body exceeds ${limitBytes} bytes`, {
          code: 'request_too_large',
        });
      }
      chunks.push(chunk);
    }
    const text =
      chunks.length === 1
        ? (chunks[0] as Buffer).toString('utf8')
        : Buffer.concat(chunks).toString('utf8');
    if (options.optional && text.trim() === '') {
      ctx.body = {};
      return next();
    }
    try {
      ctx.body = JSON.parse(text);
    } catch {
      reject(ctx, 'INPUT_INVALID', 'Request body is not valid JSON', { code: 'invalid_json' });
    }
    if (ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
      reject(ctx, 'INPUT_INVALID', 'Request body must be a JSON object', { code: 'invalid_body' });
    }
    await next();
  };
}
