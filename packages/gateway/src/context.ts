import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Detection } from '@bulwark/core';
import type { RedactionScope } from '@bulwark/detect';
import type { AuditDecision } from './audit/audit-record.js';
import type { Principal } from './auth/principal.js';
import type { RequestCancellation } from './providers/cancel-signal.js';

/** Which wire format a route speaks (decides the error shape). */
export type ApiFlavor = 'openai' | 'anthropic';

/** Per-request state threaded through the middleware chain. */
export interface GatewayContext {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  startedAt: number;
  route: string;
  api: ApiFlavor;
  principal?: Principal;
  body?: unknown;
  model?: string;
  decisions: AuditDecision[];
  detections: Detection[];
  usage?: { promptTokens: number; completionTokens: number; totalTokens: number };
  /** Aborted when the client goes away or the gateway shuts down: cancels the upstream call. */
  abort: RequestCancellation;
  scope?: RedactionScope;
  /** True when the prompt was redacted, so the answer gets restored. */
  redacted: boolean;
  /** Content kept for the audit record, per the content mode. */
  auditContent: {
    request?: unknown;
    response?: unknown;
    requestLength: number;
    responseLength: number;
  };
  /** Final status when it differs from the HTTP status (a stream ended by an error event). */
  status?: number;
  /** Details of the rejection being answered (rule id, Retry-After). */
  rejection?: Rejection;
  /** Concurrency slot release, set by the limit middleware. */
  release?: () => void;
}

export interface Rejection {
  /** OpenAI-style error code, e.g. `content_filter`, `rate_limit_exceeded`. */
  code: string;
  ruleId?: string;
  retryAfterSeconds?: number;
  /** The request field at fault (OpenAI's `error.param`), e.g. `messages[2].content`. */
  param?: string;
}

/**
 * A middleware step: `(ctx, next)`, named by the factory that built it. A
 * step with nothing to do after `next` may be a plain function that returns
 * `next()` (no async frame of its own); it may then also throw synchronously.
 */
export type Middleware = (ctx: GatewayContext, next: () => Promise<void>) => Promise<void>;

/**
 * Runs middlewares in order; each calls `next` to continue. A step that
 * throws synchronously gives a rejected promise, as an async step would.
 */
export function compose(
  middlewares: readonly Middleware[],
): (ctx: GatewayContext) => Promise<void> {
  return (ctx) => {
    const dispatch = (i: number): Promise<void> => {
      const mw = middlewares[i];
      if (!mw) return Promise.resolve();
      try {
        return mw(ctx, () => dispatch(i + 1));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return dispatch(0);
  };
}
