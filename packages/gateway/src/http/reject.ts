import { BulwarkError, type ErrorCode } from '@bulwark/core';
import type { GatewayContext, Rejection } from '../context.js';
import { problemPath } from './request-shape.js';

/**
 * Stops the chain with a client-visible error. The message must never echo
 * request or response content (it may hold the secret that caused it).
 */
export function reject(
  ctx: GatewayContext,
  code: ErrorCode,
  message: string,
  rejection: Rejection,
): never {
  ctx.rejection = rejection;
  throw new BulwarkError(code, message);
}

/** 400 for a request field of the wrong shape, its path in `param` (see request-shape.ts). */
export function rejectField(ctx: GatewayContext, problem: string, code: string): never {
  reject(ctx, 'INPUT_INVALID', problem, { code, param: problemPath(problem) });
}
