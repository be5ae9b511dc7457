import type { GatewayOptions } from '@bulwark/gateway';
import type { GatewayConfig } from '../config/gateway-config-schema.js';

/**
 * Splits `gateway.limits` into the gateway's options: the top-level fields
 * are each credential's defaults, `tenants` and `models` the shared limits.
 */
export function gatewayLimits(
  limits: GatewayConfig['limits'],
): Pick<GatewayOptions, 'limits' | 'tenantLimits' | 'modelLimits'> {
  if (!limits) return {};
  const { tenants, models, ...defaults } = limits;
  return {
    limits: defaults,
    ...(tenants ? { tenantLimits: tenants } : {}),
    ...(models ? { modelLimits: models } : {}),
  };
}
