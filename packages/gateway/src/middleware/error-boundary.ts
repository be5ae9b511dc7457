import { isBulwarkError } from '@bulwark/core';
import type { Logger } from 'pino';
import type { Middleware } from '../context.js';
import { errorResponse, streamErrorEvent } from '../http/error-shapes.js';

/**
 * The one `onError`: turns any failure into the route's error shape (or, when
 * a stream already started, a final SSE error event). Unexpected errors are
 * logged with the request id and answered with a generic 500.
 */
export function errorBoundary(logger: Logger): Middleware {
  return async function errorBoundaryStep(ctx, next) {
    try {
      await next();
    } catch (error) {
      if (!isBulwarkError(error) || error.kind === 'internal') {
        logger.error({ requestId: ctx.requestId, err: error }, 'request failed');
      }
      const { status, body } = errorResponse(error, ctx.api, ctx.rejection, ctx.requestId);
      ctx.status = status;
      const res = ctx.res;
      if (res.destroyed || res.writableEnded) return;
      if (res.headersSent) {
        res.end(
          streamErrorEvent(
            ctx.api,
            'Request failed',
            ctx.rejection?.code ?? 'internal_error',
            ctx.rejection?.ruleId ?? 'gateway.error',
          ),
        );
        return;
      }
      const headers: Record<string, string | number> = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      };
      if (ctx.rejection?.retryAfterSeconds !== undefined)
        headers['retry-after'] = ctx.rejection.retryAfterSeconds;
      if (status === 401) headers['www-authenticate'] = 'Bearer';
      res.writeHead(status, headers);
      res.end(body);
    }
  };
}
