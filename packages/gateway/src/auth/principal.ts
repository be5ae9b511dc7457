/** Who a request acts for, after authentication. Never holds the raw credential. */
export interface Principal {
  /** Key id or JWT subject; safe to log. */
  id: string;
  kind: 'api_key' | 'jwt';
  tenant: string;
  roles: readonly string[];
  /** Model names this credential may use; undefined = whatever policy allows. */
  allowedModels?: readonly string[];
  /** Tool names this credential may use; undefined = whatever policy allows. */
  allowedTools?: readonly string[];
  limits?: PrincipalLimits;
}

/** Per-credential limits; missing fields fall back to the gateway defaults. */
export interface PrincipalLimits {
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
  tokensPerDay?: number | undefined;
  tokensPerMonth?: number | undefined;
  maxConcurrent?: number | undefined;
  maxTokens?: number | undefined;
}
