import type { Middleware } from '../context.js';
import { chatRequestProblem } from '../http/chat-request-shape.js';
import { rejectField } from '../http/reject.js';

/**
 * Refuses a chat request (as sent, or as an adapter translated it) whose
 * fields do not have the OpenAI wire types, with the field path in the
 * message: 400 before anything is authorised, scanned or forwarded.
 * `counts: false` after an adapter (see `chatRequestProblem`).
 */
export function chatRequestCheck(options: { counts?: boolean } = {}): Middleware {
  return function chatRequestCheckStep(ctx, next) {
    const problem = chatRequestProblem(ctx.body as Record<string, unknown>, options);
    if (problem !== undefined) rejectField(ctx, problem, 'invalid_request');
    return next();
  };
}
