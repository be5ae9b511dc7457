import { timingSafeEqual } from 'node:crypto';
import type { GatewayContext } from '../context.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { hashApiKey } from '../auth/api-keys.js';
import { presentedCredential } from '../middleware/authenticate.js';
import { reject, rejectField } from '../http/reject.js';
import { firstProblem, optionalString } from '../http/request-shape.js';

/** Approval states a list may be filtered by. */
const STATUSES: readonly string[] = ['pending', 'approved', 'denied', 'expired'];

/**
 * `/admin/approvals`: list (GET), and decide (`POST /admin/approvals/:id/approve|deny`,
 * optional JSON `{ "by": "...", "note": "..." }`). Admin key only; every
 * decision is audited.
 */
export function adminApprovalsHandler(deps: GatewayDeps): (ctx: GatewayContext) => Promise<void> {
  return async function adminApprovals(ctx) {
    const expected = deps.options.adminKeyHash;
    const credential = presentedCredential(ctx.req.headers);
    if (!expected)
      reject(ctx, 'FORBIDDEN', 'Admin API is disabled: no admin key is configured', {
        code: 'admin_disabled',
      });
    if (!credential)
      reject(ctx, 'AUTH_REQUIRED', 'Admin key required', { code: 'missing_api_key' });
    const a = Buffer.from(hashApiKey(credential), 'hex');
    const b = Buffer.from(expected, 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b))
      reject(ctx, 'AUTH_INVALID', 'Invalid admin key', { code: 'invalid_api_key' });
    ctx.principal = { id: 'admin', kind: 'api_key', tenant: '*', roles: ['admin'] };

    const url = new URL(ctx.req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean);
    const store = deps.options.approvals;
    if (ctx.req.method === 'GET' && parts.length === 2) {
      const status = url.searchParams.get('status');
      if (status !== null && !STATUSES.includes(status)) {
        reject(ctx, 'INPUT_INVALID', `status: must be one of ${STATUSES.join(', ')}`, {
          code: 'invalid_request',
        });
      }
      const items = (await store.list()).filter((a) => !status || a.status === status);
      return json(ctx, 200, { object: 'list', data: items });
    }
    if (ctx.req.method === 'GET' && parts.length === 3) {
      const item = await store.get(parts[2] ?? '');
      if (!item) reject(ctx, 'NOT_FOUND', 'No such approval', { code: 'approval_not_found' });
      return json(ctx, 200, item);
    }
    const action = parts[3];
    if (
      ctx.req.method === 'POST' &&
      parts.length === 4 &&
      (action === 'approve' || action === 'deny')
    ) {
      const body = (ctx.body ?? {}) as Record<string, unknown>;
      const problem = firstProblem(optionalString(body, 'by'), optionalString(body, 'note'));
      if (problem !== undefined) rejectField(ctx, problem, 'invalid_request');
      const by = typeof body.by === 'string' ? body.by.slice(0, 100) : 'admin';
      const note = typeof body.note === 'string' ? body.note.slice(0, 500) : undefined;
      const decided = await store.decide(
        parts[2] ?? '',
        action === 'approve' ? 'approved' : 'denied',
        by,
        note,
      );
      if (!decided) reject(ctx, 'NOT_FOUND', 'No such approval', { code: 'approval_not_found' });
      const wanted = action === 'approve' ? 'approved' : 'denied';
      if (decided.status !== wanted) {
        reject(ctx, 'CONFLICT', `Approval is already ${decided.status}`, {
          code: 'approval_not_pending',
        });
      }
      deps.metrics.approvals.inc({ status: decided.status });
      deps.options.audit.write({
        type: 'approval',
        requestId: ctx.requestId,
        principal: 'admin',
        tenant: decided.tenant,
        model: decided.model,
        approval: { id: decided.id, status: decided.status, tool: decided.tool, decidedBy: by },
      });
      return json(ctx, 200, decided);
    }
    reject(ctx, 'NOT_FOUND', 'Unknown admin route', { code: 'not_found' });
  };
}

function json(ctx: GatewayContext, status: number, value: unknown): void {
  ctx.res.writeHead(status, { 'content-type': 'application/json' });
  ctx.res.end(JSON.stringify(value));
}
