import { randomUUID } from 'node:crypto';
import type { Middleware } from '../context.js';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Adopts a safe client `x-request-id` or makes one; echoes it on the response. */
export function requestId(): Middleware {
  return function requestIdStep(ctx, next) {
    const incoming = ctx.req.headers['x-request-id'];
    ctx.requestId =
      typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
    ctx.res.setHeader('x-request-id', ctx.requestId);
    return next();
  };
}
