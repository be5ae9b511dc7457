import {
  codeExecSink,
  deserializeSink,
  htmlSink,
  isHtmlPropertyTarget,
  pathSink,
  shellSink,
  sqlSink,
  urlSink,
} from '../sinks.js';
import { flowRule, hasAny, type CodeRule } from './code-rule.js';

/**
 * Model output flowing into dangerous sinks (OWASP LLM05:2025 Improper Output
 * Handling, CWE-1426) and tool arguments a model chose flowing into the same
 * sinks without an allow-list (LLM06:2025 Excessive Agency, ASI02:2026 /
 * ASI05:2026).
 */
const OUT = ['LLM05:2025', 'CWE-1426'];

const htmlMeta = {
  id: 'ai.output.html',
  title: 'Model output rendered as raw HTML',
  description:
    'Text returned by a model is inserted as HTML (innerHTML, dangerouslySetInnerHTML, v-html, Markup, unsafe_allow_html) without sanitising.',
  remediation:
    'Render model output as text, or sanitise it with DOMPurify / bleach before inserting it as HTML.',
  severity: 'high' as const,
  cwe: ['CWE-79', 'CWE-1426'],
  refs: [...OUT, 'CWE-79'],
};

const htmlRule: CodeRule = {
  ...htmlMeta,
  languages: ['typescript', 'python'],
  visitor(report) {
    return {
      onCall(call, flow) {
        const args = htmlSink(call, flow);
        if (args?.some((arg) => flow.taintOf(arg).has('model'))) {
          const sink = call.callee.replace(/^<\w+>\./, '');
          report({
            line: call.line,
            column: call.column,
            evidence: call.text,
            message: `Model output is rendered as HTML by ${sink}.`,
          });
        }
      },
      onAssign(targets, value, flow, line, column, text) {
        if (targets.some(isHtmlPropertyTarget) && hasAny(flow.taintOf(value), ['model'])) {
          report({
            line,
            column,
            evidence: text,
            message: 'Model output is assigned to innerHTML.',
          });
        }
      },
    };
  },
};

export const outputSinkRules: CodeRule[] = [
  flowRule(
    {
      id: 'ai.output.code-exec',
      title: 'Model output executed as code',
      description:
        'Text returned by a model reaches eval/exec/Function/vm, so a prompt injection becomes remote code execution.',
      remediation:
        'Never execute model output. Parse it into data (JSON with a schema) and dispatch to fixed functions, or run it in an isolated sandbox.',
      severity: 'critical',
      cwe: ['CWE-94', 'CWE-1426'],
      refs: [...OUT, 'CWE-94', 'ASI05:2026', 'AML.T0050'],
    },
    ['model'],
    codeExecSink,
    (call) => `Model output flows into ${call.callee}().`,
  ),
  flowRule(
    {
      id: 'ai.output.shell',
      title: 'Model output run as a shell command',
      description:
        'Text returned by a model reaches a shell or process API (child_process, subprocess, os.system).',
      remediation:
        'Map model output to an allow-list of commands and pass arguments as an array without a shell; require human approval for anything else.',
      severity: 'critical',
      cwe: ['CWE-78', 'CWE-1426'],
      refs: [...OUT, 'CWE-78', 'ASI05:2026', 'AML.T0050'],
    },
    ['model'],
    shellSink,
    (call) => `Model output flows into the command of ${call.callee}().`,
  ),
  flowRule(
    {
      id: 'ai.output.sql',
      title: 'Model output used as raw SQL',
      description:
        'Text returned by a model is executed as a SQL statement instead of being bound as a parameter.',
      remediation:
        'Bind model-derived values as query parameters; if the model must write SQL, run it read-only against an allow-listed schema with a separate low-privilege role.',
      severity: 'high',
      cwe: ['CWE-89', 'CWE-1426'],
      refs: [...OUT, 'CWE-89'],
    },
    ['model'],
    sqlSink,
    (call) => `Model output is the SQL text of ${call.callee}().`,
  ),
  htmlRule,
  flowRule(
    {
      id: 'ai.output.path',
      title: 'Model output used as a file path',
      description:
        'A file path built from model output is read, written or deleted, allowing path traversal.',
      remediation:
        'Reduce the name to a basename, resolve it under a fixed root and check the result stays inside it before touching the file system.',
      severity: 'high',
      cwe: ['CWE-22', 'CWE-1426'],
      refs: [...OUT, 'CWE-22'],
    },
    ['model'],
    pathSink,
    (call) => `Model output is the path of ${call.callee}().`,
  ),
  flowRule(
    {
      id: 'ai.output.url',
      title: 'Model output used as a request URL',
      description:
        'An HTTP request is sent to a URL taken from model output (server-side request forgery, data exfiltration).',
      remediation:
        'Only fetch URLs whose host is on an allow-list; never let the model pick arbitrary destinations.',
      severity: 'high',
      cwe: ['CWE-918', 'CWE-1426'],
      refs: [...OUT, 'CWE-918', 'AML.T0086'],
    },
    ['model'],
    urlSink,
    (call) => `Model output is the URL of ${call.callee}().`,
  ),
  flowRule(
    {
      id: 'ai.output.deserialize',
      title: 'Model output deserialised unsafely',
      description:
        'Model output reaches pickle/marshal/yaml.load/unserialize, which can construct arbitrary objects.',
      remediation:
        'Parse model output with a data-only format (JSON) and validate it with a schema.',
      severity: 'critical',
      cwe: ['CWE-502', 'CWE-1426'],
      refs: [...OUT, 'CWE-502'],
    },
    ['model'],
    deserializeSink,
    (call) => `Model output is deserialised by ${call.callee}().`,
  ),
  flowRule(
    {
      id: 'ai.tool.command-exec',
      title: 'Agent tool runs model-chosen commands or code',
      description:
        'A tool handler passes arguments chosen by the model to a shell, process or code-execution API without an allow-list.',
      remediation:
        'Check the command against an allow-list before running it, run without a shell, and require human approval for destructive actions.',
      severity: 'critical',
      cwe: ['CWE-78', 'CWE-94'],
      refs: ['LLM06:2025', 'ASI02:2026', 'ASI05:2026', 'CWE-78', 'AML.T0053'],
    },
    ['toolarg'],
    (call, flow) => shellSink(call, flow) ?? codeExecSink(call, flow),
    (call) => `A tool argument chosen by the model reaches ${call.callee}().`,
  ),
  flowRule(
    {
      id: 'ai.tool.file-access',
      title: 'Agent tool reads or writes model-chosen paths',
      description:
        'A tool handler passes a model-chosen path to the file system without confining it to a root directory.',
      remediation:
        'Resolve the path under a fixed root, check it stays inside (startsWith / is_relative_to), and keep write tools behind approval.',
      severity: 'high',
      cwe: ['CWE-22'],
      refs: ['LLM06:2025', 'ASI02:2026', 'CWE-22', 'AML.T0053'],
    },
    ['toolarg'],
    pathSink,
    (call) => `A tool argument chosen by the model is the path of ${call.callee}().`,
  ),
  flowRule(
    {
      id: 'ai.tool.http-request',
      title: 'Agent tool fetches model-chosen URLs',
      description:
        'A tool handler sends HTTP requests to URLs chosen by the model with no host allow-list (SSRF, exfiltration).',
      remediation: 'Parse the URL and require its host to be on an allow-list before fetching.',
      severity: 'high',
      cwe: ['CWE-918'],
      refs: ['LLM06:2025', 'ASI02:2026', 'CWE-918', 'AML.T0086'],
    },
    ['toolarg'],
    urlSink,
    (call) => `A tool argument chosen by the model is the URL of ${call.callee}().`,
  ),
];
