import type { GatewayOptions } from './gateway-options.js';
import type { ToolReviewDeps } from './approvals/tool-call-review.js';
import type { OutputScanner } from './guard/output-scanner.js';
import type { GatewayMetrics } from './observability/metrics.js';

/** Collaborators shared by the route handlers, built once by `createGateway`. */
export interface GatewayDeps {
  options: GatewayOptions;
  metrics: GatewayMetrics;
  output: OutputScanner;
  toolReview: ToolReviewDeps;
  /** Request-side redaction on (`options.redact`, default true). */
  redact: boolean;
}
