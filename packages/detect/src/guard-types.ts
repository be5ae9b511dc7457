import type { Detection, GuardChecker, MessageRole, Result } from '@bulwark/core';

/** Identifies whose data a redaction belongs to: vault entries are per tenant and conversation. */
export interface RedactionScope {
  tenant: string;
  conversation: string;
}

/** Redacted text plus the detections that caused each replacement. */
export interface RedactResult {
  text: string;
  detections: Detection[];
}

/** One step of a streamed output scan: what may be sent to the client now. */
export interface StreamStep {
  /** Text that is safe to emit now (redacted and/or restored). */
  emit: string;
  detections: Detection[];
  /** True once a blocking detection fired; the caller must end the stream. */
  blocked: boolean;
}

/**
 * Scans a model's streamed output chunk by chunk without missing matches that
 * straddle chunk boundaries, holding back no more than the longest pending match.
 */
export interface OutputStreamGuard {
  push(chunk: string): StreamStep;
  /** Flushes whatever is held back at the end of the stream. */
  end(): StreamStep;
}

/**
 * The guard engine's public contract. `check`/`checkAsync` (from core's
 * `GuardChecker`) score a text; the rest are the builder-facing helpers. The
 * gateway depends on exactly this interface.
 */
export interface Guard extends GuardChecker {
  /** Spotlighting: marks untrusted content (datamarking) and returns text ready for a prompt. */
  markUntrusted(text: string): string;
  /** A fresh canary token to embed in a system prompt; `check` on output finds it. */
  canary(): string;
  /** Replaces secrets and PII according to the configured modes. */
  redact(text: string, scope: RedactionScope, role?: MessageRole): RedactResult;
  /** Puts pseudonymised values back into model output (secrets are never restorable). */
  restore(text: string, scope: RedactionScope): string;
  /** A stream scanner for model output (redaction, restore and blocking across chunks). */
  streamOutput(scope: RedactionScope, options?: { restore?: boolean }): OutputStreamGuard;
  /** Validates a model's JSON output against a JSON Schema, with precise errors. */
  validateJson(output: string, schema: object): Result<unknown>;
}
