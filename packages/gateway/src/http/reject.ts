import { BulwarkError, type ErrorCode } from '@bulwark/core';
import type { GatewayContext, Rejection } from '../context.js';

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
