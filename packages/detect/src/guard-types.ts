import type {
  Detection,
  DetectionCategory,
  GuardChecker,
  MessageRole,
  Result,
} from '@bulwark/core';

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

/** Which detections `Guard.redact` and `Guard.streamOutput` replace. */
export interface RedactOptions {
  /**
   * Categories whose detections are replaced (default: every category the
   * redactor finds, i.e. `secret` and `pii`). Detections of other categories
   * are left in the text for the caller to score; a stream still holds them
   * back until seen whole and reports them in `StreamStep.detections`.
   */
  categories?: readonly DetectionCategory[];
}

/** Options of `Guard.streamOutput`. */
export interface StreamOutputOptions extends RedactOptions {
  /** Put pseudonymised values back (vault restore) in the emitted text. */
  restore?: boolean;
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
  /** Replaces secrets and PII (or only `options.categories`) according to the configured modes. */
  redact(
    text: string,
    scope: RedactionScope,
    role?: MessageRole,
    options?: RedactOptions,
  ): RedactResult;
  /** Puts pseudonymised values back into model output (secrets are never restorable). */
  restore(text: string, scope: RedactionScope): string;
  /** A stream scanner for model output (redaction, restore and blocking across chunks). */
  streamOutput(scope: RedactionScope, options?: StreamOutputOptions): OutputStreamGuard;
  /** Validates a model's JSON output against a JSON Schema, with precise errors. */
  validateJson(output: string, schema: object): Result<unknown>;
}
