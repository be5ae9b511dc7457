import type { Middleware } from '../context.js';
import { chatRequestProblem } from '../http/chat-request-shape.js';
import { reject } from '../http/reject.js';
import { problemPath } from '../http/request-shape.js';

/**
 * Refuses a chat request (as sent, or as an adapter translated it) whose
 * fields do not have the OpenAI wire types, with the field path in the
 * message: 400 before anything is authorised, scanned or forwarded.
 */
export function chatRequestCheck(): Middleware {
  return async function chatRequestCheckStep(ctx, next) {
    const problem = chatRequestProblem(ctx.body as Record<string, unknown>);
    if (problem !== undefined)
      reject(ctx, 'INPUT_INVALID', problem, {
        code: 'invalid_request',
        param: problemPath(problem),
      });
    await next();
  };
}
