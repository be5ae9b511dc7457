import { isModelCall, isToolFactory } from '../ai-apis.js';
import { lastSegment, type IrCall, type IrExpr } from '../ir.js';
import type { FlowView } from '../taint-engine.js';
import { hasAny, kwarg, type CodeRule, type RuleHit } from './code-rule.js';

/**
 * Prompt construction rules (OWASP LLM01:2025 Prompt Injection, CWE-1427):
 * untrusted text in system prompts and tool descriptions, retrieved documents
 * inserted without delimiters, and Jinja2 prompt templates built from data.
 */
const SYSTEM_KWARGS = [
  'system',
  'system_prompt',
  'systemPrompt',
  'instructions',
  'system_message',
  'systemMessage',
  'system_instruction',
  'systemInstruction',
  'backstory',
];
const SYSTEM_VAR =
  /^(system_?prompt|system_?message|system_?instructions?|sys_?prompt|instructions)$/i;
const SYSTEM_CALLS = new Set(['SystemMessage', 'SystemMessagePromptTemplate', 'from_template']);

function isSystemRoleObject(expr: IrExpr): IrExpr | undefined {
  if (expr.kind === 'object' && expr.props) {
    const role = expr.props.get('role');
    if (role?.kind === 'string' && (role.value === 'system' || role.value === 'developer'))
      return expr.props.get('content');
  }
  if (expr.kind === 'array' && expr.children.length === 2) {
    const [role, content] = expr.children;
    if (role?.kind === 'string' && role.value === 'system') return content;
  }
  return undefined;
}

export const systemPromptInjectionRule: CodeRule = {
  id: 'ai.prompt.untrusted-system-prompt',
  title: 'Untrusted input concatenated into a system prompt',
  description:
    'Request data or user input is interpolated into the system / developer prompt, where it is treated as trusted instructions.',
  remediation:
    'Keep the system prompt constant; pass user input only in user-role messages, or validate it against an allow-list first.',
  severity: 'high',
  cwe: ['CWE-1427'],
  refs: ['LLM01:2025', 'LLM07:2025', 'CWE-1427', 'AML.T0051.000'],
  languages: ['typescript', 'python'],
  visitor(report) {
    const seen = new Set<string>();
    const emit = (hit: RuleHit): void => {
      const key = `${hit.line}:${hit.column}`;
      if (seen.has(key)) return;
      seen.add(key);
      report(hit);
    };
    const user = (expr: IrExpr | undefined, flow: FlowView): boolean =>
      expr !== undefined && expr.kind !== 'string' && hasAny(flow.taintOf(expr), ['user']);
    return {
      onObject(object, flow) {
        const content = isSystemRoleObject(object);
        if (user(content, flow))
          emit({
            line: object.line,
            column: object.column,
            evidence: object.text,
            message: 'User input is part of a system-role message.',
          });
      },
      onCall(call, flow) {
        const value = kwarg(call, ...SYSTEM_KWARGS);
        if (user(value, flow)) {
          emit({
            line: call.line,
            column: call.column,
            evidence: call.text,
            message: `User input is passed as the system prompt of ${call.callee || 'a model call'}.`,
          });
          return;
        }
        if (
          SYSTEM_CALLS.has(lastSegment(call.callee)) &&
          (lastSegment(call.callee) !== 'from_template' || call.callee.includes('System'))
        ) {
          const content = call.args[0] ?? kwarg(call, 'content', 'template');
          if (user(content, flow))
            emit({
              line: call.line,
              column: call.column,
              evidence: call.text,
              message: 'User input is part of a system message.',
            });
        }
      },
      onAssign(targets, value, flow, line, column, text) {
        if (targets.some((t) => SYSTEM_VAR.test(lastSegment(t))) && user(value, flow)) {
          emit({
            line,
            column,
            evidence: text,
            message: 'User input is concatenated into a system prompt variable.',
          });
        }
      },
    };
  },
};

function toolDescription(call: IrCall): IrExpr | undefined {
  const last = lastSegment(call.callee);
  // MCP style: server.tool(name, description, ...) / registerTool(name, { description }, ...).
  if ((last === 'tool' || last === 'registerTool') && call.args[0]?.kind === 'string') {
    const second = call.args[1];
    return second?.kind === 'object'
      ? second.props?.get('description')
      : second?.kind === 'function'
        ? undefined
        : second;
  }
  if (isToolFactory(call)) return kwarg(call, 'description');
  return undefined;
}

export const toolDescriptionInjectionRule: CodeRule = {
  id: 'ai.prompt.untrusted-tool-description',
  title: 'Untrusted text in a tool description',
  description:
    'A tool name or description given to the model is built from user input, HTTP responses, retrieved documents or model output, which can poison tool selection (tool poisoning).',
  remediation:
    'Write tool descriptions as constants reviewed with the code; never derive them from runtime data.',
  severity: 'high',
  cwe: ['CWE-1427'],
  refs: ['LLM01:2025', 'ASI02:2026', 'CWE-1427', 'AML.T0051.001'],
  languages: ['typescript', 'python'],
  visitor(report) {
    return {
      onCall(call, flow) {
        const description = toolDescription(call);
        if (
          description &&
          description.kind !== 'string' &&
          hasAny(flow.taintOf(description), ['user', 'external', 'retrieved', 'model'])
        ) {
          report({
            line: call.line,
            column: call.column,
            evidence: call.text,
            message: 'A tool description is built from untrusted data.',
          });
        }
      },
    };
  },
};

const TEMPLATE_DELIMITED =
  /(<[A-Za-z][\w-]*>|```|"""|'''|-{3,}|={3,}|#{3,}|\[[A-Z][A-Z _]*\])\s*\{\{?\s*\w+\s*\}?\}/;

function moduleHasDelimitedTemplate(flow: FlowView): boolean {
  let found = false;
  const visit = (expr: IrExpr | undefined): void => {
    if (!expr || found) return;
    if (
      (expr.kind === 'string' || expr.kind === 'template') &&
      TEMPLATE_DELIMITED.test(expr.value ?? '')
    )
      found = true;
    if (expr.kind === 'call' && expr.call) {
      expr.call.args.forEach(visit);
      for (const [, v] of expr.call.kwargs) visit(v);
    }
    expr.children.forEach(visit);
    if (expr.fn) for (const s of expr.fn.body) visitStatement(s);
  };
  const visitStatement = (s: (typeof flow.module.main.body)[number]): void => {
    if (s.kind === 'assign') visit(s.value);
    else if (s.kind === 'expr') visit(s.expr);
    else if (s.kind === 'return') visit(s.expr);
    else if (s.kind === 'loop') s.body.forEach(visitStatement);
    else if (s.kind === 'function') s.fn.body.forEach(visitStatement);
  };
  flow.module.main.body.forEach(visitStatement);
  return found;
}

export const undelimitedRetrievalRule: CodeRule = {
  id: 'ai.prompt.undelimited-retrieved-content',
  title: 'Retrieved documents inserted into a prompt without delimiters',
  description:
    'Documents from a retriever, vector store or loader are concatenated straight into the prompt, so instructions hidden in them are indistinguishable from yours (indirect prompt injection).',
  remediation:
    'Wrap retrieved content in explicit markers (e.g. <document>…</document>), tell the model it is data, and strip markers from the content itself.',
  severity: 'medium',
  cwe: ['CWE-1427'],
  refs: ['LLM01:2025', 'LLM08:2025', 'CWE-1427', 'AML.T0051.001'],
  languages: ['typescript', 'python'],
  visitor(report) {
    let delimitedTemplates: boolean | undefined;
    return {
      onCall(call, flow) {
        const object = call.calleeExpr.object;
        const receiverAi = object ? flow.taintOf(object).has('aiobj') : false;
        const calleeAi =
          call.calleeExpr.kind === 'name' && flow.taintOf(call.calleeExpr).has('aiobj');
        if (!isModelCall(call, receiverAi, calleeAi)) return;
        const args = [...call.args, ...call.kwargs.values()];
        if (!args.some((arg) => flow.taintOf(arg).has('retrieved'))) return;
        delimitedTemplates ??= moduleHasDelimitedTemplate(flow);
        if (delimitedTemplates && (receiverAi || calleeAi)) return;
        report({
          line: call.line,
          column: call.column,
          evidence: call.text,
          message: 'Retrieved documents reach the model without delimiters.',
        });
      },
    };
  },
};

export const jinjaTemplateRule: CodeRule = {
  id: 'ai.prompt.jinja2-template-from-data',
  title: 'Prompt template compiled from non-constant Jinja2 text',
  description:
    'A Jinja2 prompt template (template_format="jinja2" or jinja2.Template) is compiled from a variable; attacker-controlled templates allow server-side template injection and code execution.',
  remediation:
    'Use f-string templates for prompts, or only compile Jinja2 templates from constants in a SandboxedEnvironment.',
  severity: 'high',
  cwe: ['CWE-1336'],
  refs: ['LLM01:2025', 'CWE-1336', 'ASI05:2026'],
  languages: ['python', 'typescript'],
  visitor(report) {
    return {
      onCall(call, flow) {
        const format = kwarg(call, 'template_format', 'templateFormat');
        const template = call.args[0] ?? kwarg(call, 'template');
        if (format?.kind === 'string' && format.value === 'jinja2') {
          if (template && template.kind !== 'string') {
            report({
              line: call.line,
              column: call.column,
              evidence: call.text,
              message: 'A jinja2 prompt template is built from a variable.',
            });
          }
          return;
        }
        if (
          (call.callee === 'jinja2.Template' || call.callee.endsWith('.from_string')) &&
          template &&
          hasAny(flow.taintOf(template), ['user', 'model', 'external', 'retrieved'])
        ) {
          report({
            line: call.line,
            column: call.column,
            evidence: call.text,
            message: 'A Jinja2 template is compiled from untrusted text.',
          });
        }
      },
    };
  },
};

export const promptRules: CodeRule[] = [
  systemPromptInjectionRule,
  toolDescriptionInjectionRule,
  undelimitedRetrievalRule,
  jinjaTemplateRule,
];
