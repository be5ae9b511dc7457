import { httpStatusFor, isBulwarkError, type ErrorKind } from '@bulwark/core';
import type { ApiFlavor, Rejection } from '../context.js';

/** OpenAI error `type` for each failure class. */
const OPENAI_TYPES: Record<ErrorKind, string> = {
  usage: 'invalid_request_error',
  input: 'invalid_request_error',
  environment: 'api_error',
  unauthenticated: 'authentication_error',
  forbidden: 'permission_error',
  not_found: 'not_found_error',
  conflict: 'invalid_request_error',
  rate_limited: 'rate_limit_error',
  blocked: 'invalid_request_error',
  upstream: 'api_error',
  timeout: 'api_error',
  verification: 'invalid_request_error',
  internal: 'api_error',
};

/** Anthropic error `type` for each failure class (docs.anthropic.com/en/api/errors). */
const ANTHROPIC_TYPES: Record<ErrorKind, string> = {
  ...OPENAI_TYPES,
  blocked: 'invalid_request_error',
  upstream: 'api_error',
  timeout: 'overloaded_error',
};

export interface ErrorResponse {
  status: number;
  body: string;
}

/**
 * Maps an error to the route's own error shape. Unknown errors become a
 * generic 500 whose message reveals nothing about internals.
 */
export function errorResponse(
  error: unknown,
  api: ApiFlavor,
  rejection: Rejection | undefined,
  requestId: string,
): ErrorResponse {
  const status = httpStatusFor(error);
  const kind: ErrorKind = isBulwarkError(error) ? error.kind : 'internal';
  const message = isBulwarkError(error) ? error.message : 'Internal gateway error';
  const code =
    rejection?.code ?? (isBulwarkError(error) ? error.code.toLowerCase() : 'internal_error');
  const bulwark = {
    request_id: requestId,
    ...(rejection?.ruleId ? { rule_id: rejection.ruleId } : {}),
  };
  if (api === 'anthropic') {
    return {
      status,
      body: JSON.stringify({
        type: 'error',
        error: { type: ANTHROPIC_TYPES[kind], message },
        bulwark: { ...bulwark, code },
      }),
    };
  }
  return {
    status,
    body: JSON.stringify({
      error: { message, type: OPENAI_TYPES[kind], param: rejection?.param ?? null, code, bulwark },
    }),
  };
}

/** A well-formed SSE error event for a stream ended by the gateway. */
export function streamErrorEvent(
  api: ApiFlavor,
  message: string,
  code: string,
  ruleId: string,
): string {
  if (api === 'anthropic') {
    return `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message }, bulwark: { code, rule_id: ruleId } })}\n\n`;
  }
  return `data: ${JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code, bulwark: { rule_id: ruleId } } })}\n\n`;
}
