import type { IncomingMessage } from 'node:http';
import type { Middleware } from '../context.js';
import { reject } from '../http/reject.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../http/request-shape.js';

/**
 * Reads the JSON body up to `limitBytes` (413 beyond it; 400 when it is not
 * JSON, not an object or nests deeper than MAX_JSON_DEPTH; empty allowed
 * when optional).
 */
export function bodyLimit(limitBytes: number, options: { optional?: boolean } = {}): Middleware {
  return async function bodyLimitStep(ctx, next) {
    const declared = Number(ctx.req.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      reject(ctx, 'INPUT_TOO_LARGE', `Request body exceeds ${limitBytes} bytes`, {
        code: 'request_too_large',
      });
    }
    const chunks = await readBody(ctx.req, limitBytes);
    if (chunks === undefined) {
      reject(ctx, 'INPUT_TOO_LARGE', `Request body exceeds ${limitBytes} bytes`, {
        code: 'request_too_large',
      });
    }
    const text =
      chunks.length === 1
        ? (chunks[0] as Buffer).toString('utf8')
        : Buffer.concat(chunks).toString('utf8');
    if (options.optional && text.trim() === '') {
      ctx.body = {};
      return next();
    }
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      reject(ctx, 'INPUT_INVALID', `Request body nests deeper than ${MAX_JSON_DEPTH} levels`, {
        code: 'invalid_json',
      });
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

/** Collects the body with events (cheaper than async iteration); undefined once over the limit. */
function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer[] | undefined> {
  return new Promise((resolve, rejectPromise) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        req.off('data', onData);
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks));
    req.once('error', rejectPromise);
  });
}
