import type { GatewayContext } from '../context.js';
import type { ModelRoute } from '../gateway-options.js';
import { reject } from '../http/reject.js';

/** The route for the request's public model: an exact entry, else `*`; unknown → 404. */
export function routeFor(ctx: GatewayContext, routes: readonly ModelRoute[]): ModelRoute {
  const model = ctx.model ?? '';
  const route = routes.find((r) => r.model === model) ?? routes.find((r) => r.model === '*');
  if (!route)
    reject(ctx, 'NOT_FOUND', `Model ${model} is not configured on this gateway`, {
      code: 'model_not_found',
    });
  return route;
}
