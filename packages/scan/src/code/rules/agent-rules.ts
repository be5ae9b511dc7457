import { lastSegment, type IrCall, type IrExpr, type IrModule, type IrStatement } from '../ir.js';
import type { FlowView } from '../taint-engine.js';
import { callRule, isTrue, kwarg, type CodeRule } from './code-rule.js';

/**
 * Excessive agency (OWASP LLM06:2025, Agentic ASI02:2026 Tool Misuse and
 * ASI05:2026 Unexpected Code Execution): agents handed shell, Python REPL,
 * file-write or raw HTTP tools without approval or an allow-list, and the
 * LangChain opt-in flags that disable its own guard rails.
 */
const APPROVAL = /approv|human|interrupt|confirm|ask_human|allowed_commands|allowlist|allow_list/i;

const MODULE_APPROVAL =
  /HumanApproval|interrupt_before|interrupt_after|interruptBefore|human_in_the_loop|humanInTheLoop|require_approval|requireApproval|needsApproval/;
const moduleApproval = new WeakMap<IrModule, boolean>();

/** Whether any statement in the module wires an approval step (HumanApprovalCallbackHandler, interrupt_before...). */
function moduleHasApproval(module: IrModule): boolean {
  const cached = moduleApproval.get(module);
  if (cached !== undefined) return cached;
  let found = false;
  const visit = (statements: readonly IrStatement[]): void => {
    for (const s of statements) {
      if (found) return;
      const text =
        s.kind === 'assign'
          ? s.value.text
          : s.kind === 'expr'
            ? s.expr.text
            : s.kind === 'return'
              ? (s.expr?.text ?? '')
              : '';
      if (MODULE_APPROVAL.test(text)) found = true;
      if (s.kind === 'loop') visit(s.body);
      if (s.kind === 'function') visit(s.fn.body);
    }
  };
  visit(module.main.body);
  moduleApproval.set(module, found);
  return found;
}

function hasApproval(call: IrCall, flow: FlowView): boolean {
  for (const [key, value] of call.kwargs)
    if (APPROVAL.test(key) || APPROVAL.test(value.text)) return true;
  return moduleHasApproval(flow.module);
}

function stringsIn(expr: IrExpr | undefined): string[] {
  if (!expr) return [];
  if (expr.kind === 'string') return [expr.value ?? ''];
  return expr.children.flatMap((child) => stringsIn(child));
}

const AGENCY = ['LLM06:2025', 'ASI02:2026'];

export const agentRules: CodeRule[] = [
  callRule(
    {
      id: 'ai.agent.shell-tool',
      title: 'Agent given a shell tool without approval',
      description:
        'A shell / terminal tool (ShellTool, BashProcess, load_tools(["terminal"])) lets the model run any command on the host.',
      remediation:
        'Remove the shell tool or wrap it with a human-approval callback and an allow-list of commands; run the agent in a sandbox.',
      severity: 'critical',
      cwe: ['CWE-78', 'CWE-250'],
      refs: [...AGENCY, 'ASI05:2026', 'CWE-78', 'AML.T0050'],
    },
    ['python', 'typescript'],
    (call, flow) => {
      const last = lastSegment(call.callee);
      if (
        (last === 'ShellTool' || last === 'BashProcess' || last === 'TerminalTool') &&
        !hasApproval(call, flow)
      )
        return `${last} gives the agent an unrestricted shell.`;
      if (
        last === 'load_tools' &&
        stringsIn(call.args[0]).some((s) => s === 'terminal' || s === 'shell') &&
        !hasApproval(call, flow)
      )
        return 'load_tools enables the terminal tool.';
      return undefined;
    },
  ),
  callRule(
    {
      id: 'ai.agent.python-repl-tool',
      title: 'Agent given a Python REPL tool',
      description:
        "PythonREPLTool / PythonAstREPLTool / create_python_agent execute model-written Python in-process, with the application's privileges.",
      remediation:
        'Execute model-written code only in an isolated sandbox (container, gVisor, remote interpreter) with approval; never in-process.',
      severity: 'critical',
      cwe: ['CWE-94'],
      refs: [...AGENCY, 'ASI05:2026', 'CWE-94', 'AML.T0050'],
    },
    ['python', 'typescript'],
    (call, flow) => {
      const last = lastSegment(call.callee);
      if (
        [
          'PythonREPLTool',
          'PythonAstREPLTool',
          'PythonREPL',
          'create_python_agent',
          'PythonInterpreterTool',
        ].includes(last) &&
        !hasApproval(call, flow)
      )
        return `${last} runs model-written Python in-process.`;
      if (
        last === 'load_tools' &&
        stringsIn(call.args[0]).some((s) => s === 'python_repl') &&
        !hasApproval(call, flow)
      )
        return 'load_tools enables python_repl.';
      return undefined;
    },
  ),
  callRule(
    {
      id: 'ai.agent.file-write-tools',
      title: 'Agent given file write/delete tools',
      description:
        'FileManagementToolkit (all tools), WriteFileTool, DeleteFileTool or MoveFileTool let the model modify the file system.',
      remediation:
        'Select only read-only tools (selected_tools=["read_file", "list_directory"]), confine root_dir, and require approval for writes.',
      severity: 'high',
      cwe: ['CWE-22', 'CWE-250'],
      refs: [...AGENCY, 'CWE-22', 'AML.T0053'],
    },
    ['python', 'typescript'],
    (call, flow) => {
      const last = lastSegment(call.callee);
      if (hasApproval(call, flow)) return undefined;
      if (last === 'FileManagementToolkit') {
        const selected = kwarg(call, 'selected_tools');
        if (!selected) return 'FileManagementToolkit exposes write, delete and move tools.';
        const names = stringsIn(selected);
        const writes = names.filter((n) => /write|delete|move|copy/.test(n));
        return writes.length > 0
          ? `FileManagementToolkit exposes ${writes.join(', ')}.`
          : undefined;
      }
      if (['WriteFileTool', 'DeleteFileTool', 'MoveFileTool', 'CopyFileTool'].includes(last))
        return `${last} lets the agent modify files.`;
      return undefined;
    },
  ),
  callRule(
    {
      id: 'ai.agent.allow-dangerous-code',
      title: 'allow_dangerous_code enabled',
      description:
        'allow_dangerous_code=True opts in to executing model-generated Python (pandas/CSV/SQL agents, LLMMathChain) on the host.',
      remediation:
        'Remove the flag; run such agents only inside a sandbox with no secrets and no network.',
      severity: 'critical',
      cwe: ['CWE-94'],
      refs: [...AGENCY, 'ASI05:2026', 'CWE-94'],
    },
    ['python', 'typescript'],
    (call) =>
      isTrue(kwarg(call, 'allow_dangerous_code', 'allowDangerousCode'))
        ? `${call.callee || 'call'} sets allow_dangerous_code=True.`
        : undefined,
  ),
  callRule(
    {
      id: 'ai.agent.allow-dangerous-requests',
      title: 'allow_dangerous_requests enabled',
      description:
        'allow_dangerous_requests=True lets an agent send arbitrary HTTP requests (RequestsToolkit, OpenAPI agents), including to internal services.',
      remediation: 'Remove the flag or restrict requests to an allow-listed host through a proxy.',
      severity: 'high',
      cwe: ['CWE-918'],
      refs: [...AGENCY, 'CWE-918', 'AML.T0086'],
    },
    ['python', 'typescript'],
    (call) =>
      isTrue(kwarg(call, 'allow_dangerous_requests', 'allowDangerousRequests'))
        ? `${call.callee || 'call'} sets allow_dangerous_requests=True.`
        : undefined,
  ),
  callRule(
    {
      id: 'ai.agent.unbounded-iterations',
      title: 'Agent iteration limit disabled',
      description:
        'An agent executor is configured with no iteration / step limit (max_iterations=None, maxIterations: Infinity), so a confused or hijacked agent can loop forever.',
      remediation: 'Set a finite max_iterations / maxSteps and a max_execution_time.',
      severity: 'medium',
      cwe: ['CWE-400', 'CWE-770'],
      refs: ['LLM10:2025', 'ASI08:2026', 'CWE-770', 'AML.T0034'],
    },
    ['python', 'typescript'],
    (call) => {
      const config = kwarg(call, 'config', 'configurable');
      const limit =
        kwarg(
          call,
          'max_iterations',
          'maxIterations',
          'max_steps',
          'maxSteps',
          'recursion_limit',
          'recursionLimit',
        ) ??
        config?.props?.get('recursion_limit') ??
        config?.props?.get('recursionLimit');
      if (!limit) return undefined;
      if (
        (limit.kind === 'literal' &&
          (limit.value === 'None' || limit.value === 'null' || limit.value === 'undefined')) ||
        limit.text === 'Infinity' ||
        limit.text === 'Number.POSITIVE_INFINITY' ||
        limit.text === "float('inf')" ||
        limit.text === 'float("inf")' ||
        limit.text === 'math.inf'
      ) {
        return `${limit.text} disables the agent step limit.`;
      }
      return undefined;
    },
  ),
];
