import type { Span } from '@opentelemetry/api';
import type { TraceAttributes, TraceSpan, Tracer } from './tracer.js';

/** Settings of the OTLP/HTTP trace export. */
export interface OtlpTracerOptions {
  /** Collector base URL, e.g. `http://127.0.0.1:4318`; spans go to `{endpoint}/v1/traces`. */
  endpoint: string;
  /** Extra export headers (collector auth), resolved from env/file at the edge. */
  headers?: Record<string, string>;
  /** `service.name` resource attribute; default `bulwark-gateway`. */
  serviceName?: string;
  /** Fraction of requests traced, 0–1; default 1. */
  sampleRatio?: number;
  /** Export timeout (ms); default 10 000. */
  timeoutMs?: number;
  /** Spans are batched; `simple` exports each span as it ends (tests, debugging). */
  batching?: 'batch' | 'simple';
}

/**
 * A `Tracer` over the OpenTelemetry SDK exporting OTLP/HTTP (JSON) to a
 * collector (OTLP spec, "OTLP/HTTP"; the signal path `/v1/traces` is
 * appended to the base endpoint). The SDK modules are imported here, when
 * tracing is configured, so a gateway without telemetry never loads them.
 * Parents are passed explicitly (no global context manager), so nothing is
 * registered globally and two gateways in one process do not interfere.
 */
export async function createOtlpTracer(options: OtlpTracerOptions): Promise<Tracer> {
  const [api, sdk, exporterModule, resources] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const exporter = new exporterModule.OTLPTraceExporter({
    url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces`,
    headers: { ...options.headers },
    timeoutMillis: options.timeoutMs ?? 10_000,
  });
  const ratio = options.sampleRatio ?? 1;
  const provider = new sdk.TracerProvider({
    resource: resources.resourceFromAttributes({
      'service.name': options.serviceName ?? 'bulwark-gateway',
    }),
    sampler:
      ratio >= 1
        ? new sdk.AlwaysOnSampler()
        : new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(ratio) }),
    spanProcessors: [
      options.batching === 'simple'
        ? new sdk.SimpleSpanProcessor({ exporter })
        : new sdk.BatchSpanProcessor({ exporter }),
    ],
  });
  const tracer = provider.getTracer('@bulwark/gateway');
  const kinds = {
    server: api.SpanKind.SERVER,
    client: api.SpanKind.CLIENT,
    internal: api.SpanKind.INTERNAL,
  } as const;

  class OtelSpan implements TraceSpan {
    constructor(readonly span: Span) {}
    end(attributes?: TraceAttributes, failed?: boolean): void {
      if (attributes) this.span.setAttributes(attributes);
      if (failed) this.span.setStatus({ code: api.SpanStatusCode.ERROR });
      this.span.end();
    }
  }

  return {
    startSpan(name, { parent, kind = 'internal', attributes }) {
      const context =
        parent instanceof OtelSpan
          ? api.trace.setSpan(api.ROOT_CONTEXT, parent.span)
          : api.ROOT_CONTEXT;
      return new OtelSpan(
        tracer.startSpan(
          name,
          { kind: kinds[kind], ...(attributes ? { attributes } : {}) },
          context,
        ),
      );
    },
    shutdown: () => provider.shutdown(),
  };
}
