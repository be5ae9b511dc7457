import { logSink } from '../sinks.js';
import { lastSegment, type IrCall } from '../ir.js';
import { callRule, flowRule, isFalse, kwarg, type CodeRule } from './code-rule.js';

/**
 * Operational hygiene around model calls: full prompts / responses written to
 * logs (OWASP LLM02:2025, CWE-532) and TLS verification disabled on clients
 * that talk to model APIs (CWE-295).
 */
export const hygieneRules: CodeRule[] = [
  flowRule(
    {
      id: 'ai.logging.prompt-or-response',
      title: 'Full prompt or model response logged',
      description:
        'A logger receives the full prompt / message list or model response, copying user data and secrets into log storage.',
      remediation:
        'Log metadata (model, token counts, latency, ids) or pass content through a redaction function first.',
      severity: 'medium',
      cwe: ['CWE-532'],
      refs: ['LLM02:2025', 'CWE-532', 'AML.T0057'],
    },
    ['model', 'prompt'],
    logSink,
    (call) => `${call.callee}() logs prompt or response content.`,
  ),
  tlsRule(),
];

function tlsCall(call: IrCall): string | undefined {
  const flag = kwarg(call, 'verify', 'ssl_verify', 'verify_ssl', 'rejectUnauthorized', 'ssl');
  if (isFalse(flag)) return `${call.callee || 'a client'} disables TLS certificate verification.`;
  if (call.callee === 'ssl._create_unverified_context')
    return 'An unverified SSL context is created.';
  return undefined;
}

function tlsRule(): CodeRule {
  const base = callRule(
    {
      id: 'ai.tls.verification-disabled',
      title: 'TLS verification disabled for model traffic',
      description:
        'verify=False / rejectUnauthorized: false / NODE_TLS_REJECT_UNAUTHORIZED=0 in code that talks to model APIs lets anyone on the path read prompts, responses and API keys.',
      remediation:
        'Keep verification on; to trust a private CA pass its bundle (verify="/path/ca.pem", ca: [...]).',
      severity: 'high',
      cwe: ['CWE-295'],
      refs: ['LLM02:2025', 'CWE-200'],
    },
    ['python', 'typescript'],
    tlsCall,
  );
  return {
    ...base,
    visitor(report) {
      return {
        ...base.visitor(report),
        onAssign(targets, value, _flow, line, column, text) {
          const names = targets.map((t) => lastSegment(t));
          const target = names.find((t) => TLS_VARS.has(t));
          if (target === undefined) return;
          if ((value.kind === 'string' && value.value === '0') || isFalse(value)) {
            report({
              line,
              column,
              evidence: text,
              message: `${target} disables TLS verification.`,
            });
          }
        },
      };
    },
  };
}

const TLS_VARS = new Set([
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'PYTHONHTTPSVERIFY',
  'verify',
  'rejectUnauthorized',
]);
