import { isBulwarkError } from '@bulwark/core';

/**
 * True only for the guard's "feature not in this build" error: the gateway
 * then skips that feature. Every other error propagates.
 */
export function isUnsupported(error: unknown): boolean {
  return isBulwarkError(error) && error.code === 'UNSUPPORTED';
}
