/** Span attribute values: plain scalars only (never message content or credentials). */
export type TraceAttributes = Readonly<Record<string, string | number | boolean>>;

/** A started span; `end` records final attributes and whether the step failed. */
export interface TraceSpan {
  end(attributes?: TraceAttributes, failed?: boolean): void;
}

/**
 * Where the gateway sends traces: one method that starts a span, as a root
 * (`parent` undefined, e.g. the request) or as a child of another. The
 * gateway depends on this role only; `createOtlpTracer` implements it with
 * the OpenTelemetry SDK, loaded when configured and not before.
 */
export interface Tracer {
  startSpan(
    name: string,
    options: {
      parent?: TraceSpan;
      kind?: 'server' | 'client' | 'internal';
      attributes?: TraceAttributes;
    },
  ): TraceSpan;
  /** Exports what is buffered and stops (graceful shutdown). */
  shutdown(): Promise<void>;
}
