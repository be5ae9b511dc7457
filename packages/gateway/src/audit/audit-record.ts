import type { Detection } from '@bulwark/core';

/** How much message content the audit log keeps (policy `audit.content`). */
export type AuditContentMode = 'none' | 'metadata' | 'redacted' | 'full';

/** One decision taken on a request, with the rule that made it. */
export interface AuditDecision {
  stage: string;
  outcome: string;
  ruleId: string;
  reason: string;
}

/** One audit record per request (or per approval decision), before chaining. */
export interface AuditEvent {
  type: 'request' | 'approval';
  requestId?: string;
  principal?: string;
  tenant?: string;
  route?: string;
  model?: string;
  status?: number;
  latencyMs?: number;
  decisions?: AuditDecision[];
  /** Detections without offsets into content; `message` is redacted by contract. */
  detections?: Pick<Detection, 'detector' | 'category' | 'type' | 'score' | 'severity'>[];
  usage?: { promptTokens: number; completionTokens: number; totalTokens: number };
  content?: {
    request?: unknown;
    response?: unknown;
    lengths?: { request: number; response: number };
  };
  approval?: { id: string; status: string; tool: string; decidedBy?: string };
}

/** A chained record as written: `hash` = SHA-256(prev + "\n" + JSON of the record without `hash`). */
export interface ChainedAuditRecord extends AuditEvent {
  seq: number;
  time: string;
  prev: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
