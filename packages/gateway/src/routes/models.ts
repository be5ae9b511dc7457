import { evaluateModelAccess } from '@bulwark/policy';
import type { GatewayContext } from '../context.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { subjectOf } from '../middleware/authorize.js';

/** `GET /v1/models`: the configured public model names this caller may use. */
export function modelsHandler(
  deps: GatewayDeps,
  names: readonly string[],
): (ctx: GatewayContext) => Promise<void> {
  return function models(ctx) {
    const subject = subjectOf(ctx, deps.options.environment);
    const policy = deps.options.policy();
    const allowed = ctx.principal?.allowedModels;
    const data = names
      .filter(
        (id) =>
          (!allowed || allowed.includes(id)) &&
          evaluateModelAccess(policy, subject, id).outcome === 'allow',
      )
      .map((id) => ({ id, object: 'model', created: 0, owned_by: 'bulwark' }));
    const body = JSON.stringify({ object: 'list', data });
    ctx.res.writeHead(200, { 'content-type': 'application/json' });
    ctx.res.end(body);
    return Promise.resolve();
  };
}
