import {
  NON_CONTENT_PROPERTIES,
  USER_INPUT_PARAM,
  isAiFactory,
  isHttpClientCall,
  isModelCall,
  isRetrievalCall,
  isSanitizer,
  isToolFactory,
  isUserInputCall,
  isUserInputPath,
} from './ai-apis.js';
import {
  lastSegment,
  rootSegment,
  type IrCall,
  type IrExpr,
  type IrFunction,
  type IrModule,
  type IrStatement,
} from './ir.js';

/**
 * Where a value came from. `model`: text a model wrote; `toolarg`: arguments a
 * model chose for a tool; `user`: end-user request data; `retrieved`:
 * documents from a retriever or loader inserted as-is; `retrieved-delimited`:
 * the same, wrapped in explicit markers; `external`: HTTP responses;
 * `prompt`: a prompt or message list; `aiobj`: an AI client, chain or agent.
 */
export type TaintKind =
  | 'model'
  | 'toolarg'
  | 'user'
  | 'retrieved'
  | 'retrieved-delimited'
  | 'external'
  | 'prompt'
  | 'aiobj';

export type Taint = ReadonlySet<TaintKind>;
const EMPTY: Taint = new Set();

/** Callbacks the rules implement; called in source order while the engine walks a function. */
export interface FlowVisitor {
  onCall?(call: IrCall, flow: FlowView): void;
  onAssign?(
    targets: readonly string[],
    value: IrExpr,
    flow: FlowView,
    line: number,
    column: number,
    text: string,
  ): void;
  onObject?(object: IrExpr, flow: FlowView): void;
  onLoop?(
    loop: Extract<IrStatement, { kind: 'loop' }>,
    containsModelCall: boolean,
    flow: FlowView,
  ): void;
}

/** What a rule can ask about the current point of the analysis. */
export interface FlowView {
  taintOf(expr: IrExpr): Taint;
  readonly fn: IrFunction;
  readonly module: IrModule;
  readonly isTool: boolean;
  isModelCall(call: IrCall): boolean;
}

const PROMPT_NAME = /^(\w*_)?(prompt|messages)$|[a-z](Prompt|Messages)$/i;
const DELIMITER =
  /<\/?[A-Za-z][\w-]*>|```|"""|'''|-{3,}|={3,}|#{3,}|\[\/?[A-Z][A-Z _]*\]|\bBEGIN\b|<<<|>>>/;
const MEMBERSHIP =
  /\b(includes|has|startsWith|startswith|is_relative_to|isAllowed|is_allowed|allowed|fullmatch|test)\s*\(|\bnot\s+in\b|\bin\s+[A-Za-z_]/;

/** Analyses every function of a module, intra-procedurally, with closures inheriting the outer state. */
export function analyseModule(module: IrModule, visitor: FlowVisitor): void {
  const toolNames = collectToolFunctionNames(module.main);
  const engine = new TaintEngine(module, visitor, toolNames);
  engine.run(module.main, new Map(), false);
}

/** Taint sets are never mutated once built, so the engine shares them freely. */
const ONLY: Readonly<Record<TaintKind, Taint>> = {
  model: new Set(['model']),
  toolarg: new Set(['toolarg']),
  user: new Set(['user']),
  retrieved: new Set(['retrieved']),
  'retrieved-delimited': new Set(['retrieved-delimited']),
  external: new Set(['external']),
  prompt: new Set(['prompt']),
  aiobj: new Set(['aiobj']),
};

/** Union of two taints; returns an operand unchanged when the other adds nothing. */
function union(a: Taint, b: Taint): Taint {
  if (b.size === 0 || a === b) return a;
  if (a.size === 0) return b;
  let subset = true;
  for (const kind of b) {
    if (!a.has(kind)) {
      subset = false;
      break;
    }
  }
  if (subset) return a;
  const out = new Set<TaintKind>(a);
  for (const kind of b) out.add(kind);
  return out;
}

const GROWING_METHODS = new Set(['append', 'push', 'extend', 'add', 'insert', 'unshift']);

function withoutAi(set: Taint): Taint {
  if (!set.has('aiobj')) return set;
  const out = new Set(set);
  out.delete('aiobj');
  return out;
}

class TaintEngine {
  private modelCalls = 0;
  constructor(
    private readonly module: IrModule,
    private readonly visitor: FlowVisitor,
    private readonly toolNames: ReadonlySet<string>,
  ) {}

  run(
    fn: IrFunction,
    inherited: ReadonlyMap<string, Taint>,
    isTool: boolean,
    paramTaint: Taint = EMPTY,
  ): void {
    const state = new Map(inherited);
    const tool =
      isTool || this.toolNames.has(fn.name) || fn.decorators.some((d) => isToolDecorator(d));
    for (const param of fn.params) {
      let taint: Taint = paramTaint;
      if (tool) taint = union(taint, ONLY.toolarg);
      if (USER_INPUT_PARAM.test(param)) taint = union(taint, ONLY.user);
      if (taint.size > 0) state.set(param, taint);
      else state.delete(param);
    }
    const cache = new WeakMap<IrExpr, Taint>();
    const view: FlowView = {
      fn,
      module: this.module,
      isTool: tool,
      taintOf: (expr) => this.taint(expr, state, cache, view),
      isModelCall: (call) => this.classify(call, state, cache, view) === 'model',
    };
    this.statements(fn.body, state, cache, view);
  }

  private statements(
    body: readonly IrStatement[],
    state: Map<string, Taint>,
    cache: WeakMap<IrExpr, Taint>,
    view: FlowView,
  ): void {
    for (const statement of body) {
      switch (statement.kind) {
        case 'assign': {
          const taint = this.taint(statement.value, state, cache, view);
          for (const target of statement.targets) {
            let targetTaint = taint;
            if (PROMPT_NAME.test(lastSegment(target)) && statement.value.kind !== 'string') {
              targetTaint = union(targetTaint, ONLY.prompt);
            }
            if (targetTaint.size > 0) state.set(target, targetTaint);
            else state.delete(target);
            // `messages.push(x)`-style growth is handled in `call`; `a.b = x` taints `a` too.
            const root = rootSegment(target);
            if (root !== target && targetTaint.size > 0 && !target.startsWith('this.')) {
              state.set(root, union(state.get(root) ?? EMPTY, withoutAi(targetTaint)));
            }
          }
          this.visitor.onAssign?.(
            statement.targets,
            statement.value,
            view,
            statement.line,
            statement.column,
            statement.text,
          );
          break;
        }
        case 'expr':
          this.taint(statement.expr, state, cache, view);
          break;
        case 'return':
          if (statement.expr) this.taint(statement.expr, state, cache, view);
          break;
        case 'guard': {
          this.taint(statement.condition, state, cache, view);
          if (MEMBERSHIP.test(statement.condition.text)) {
            for (const name of namesIn(statement.condition)) state.delete(name);
          }
          break;
        }
        case 'loop': {
          const before = this.modelCalls;
          this.statements(statement.body, state, cache, view);
          this.visitor.onLoop?.(statement, this.modelCalls > before, view);
          break;
        }
        case 'function':
          this.run(statement.fn, state, false);
          break;
      }
    }
  }

  private classify(
    call: IrCall,
    state: Map<string, Taint>,
    cache: WeakMap<IrExpr, Taint>,
    view: FlowView,
  ): TaintKind | 'sanitizer' | 'none' {
    const object = call.calleeExpr.object;
    const receiverTaint = object ? this.taint(object, state, cache, view) : EMPTY;
    const calleeTaint =
      call.calleeExpr.kind === 'name' ? (state.get(call.calleeExpr.path ?? '') ?? EMPTY) : EMPTY;
    if (isModelCall(call, receiverTaint.has('aiobj'), calleeTaint.has('aiobj'))) return 'model';
    if (isRetrievalCall(call)) return 'retrieved';
    if (
      isAiFactory(call) ||
      receiverTaint.has('aiobj') ||
      (call.callee === '<pipe>' &&
        call.args.some((a) => this.taint(a, state, cache, view).has('aiobj')))
    )
      return 'aiobj';
    if (isSanitizer(call)) return 'sanitizer';
    if (isUserInputCall(call)) return 'user';
    if (isHttpClientCall(call.callee)) return 'external';
    return 'none';
  }

  taint(
    expr: IrExpr,
    state: Map<string, Taint>,
    cache: WeakMap<IrExpr, Taint>,
    view: FlowView,
  ): Taint {
    const cached = cache.get(expr);
    if (cached) return cached;
    cache.set(expr, EMPTY);
    const result = this.compute(expr, state, cache, view);
    cache.set(expr, result);
    return result;
  }

  private compute(
    expr: IrExpr,
    state: Map<string, Taint>,
    cache: WeakMap<IrExpr, Taint>,
    view: FlowView,
  ): Taint {
    switch (expr.kind) {
      case 'string':
      case 'number':
      case 'literal':
        return EMPTY;
      case 'name': {
        const path = expr.path ?? '';
        const own = state.get(path);
        if (own) return own;
        return isUserInputPath(path) ? ONLY.user : EMPTY;
      }
      case 'member': {
        if (expr.path !== undefined && state.has(expr.path)) return state.get(expr.path) ?? EMPTY;
        if (isUserInputPath(expr.path)) return ONLY.user;
        let base = EMPTY;
        // `TABLE[key]`: the value comes from TABLE; a tainted key only picks among trusted values.
        for (const child of expr.children) {
          const childTaint = this.taint(child, state, cache, view);
          if (child === expr.object) base = union(base, childTaint);
        }
        if (NON_CONTENT_PROPERTIES.has(expr.property ?? ''))
          return base.has('aiobj') ? ONLY.aiobj : EMPTY;
        return base;
      }
      case 'call':
        return this.callTaint(expr.call!, state, cache, view);
      case 'template': {
        let out = EMPTY;
        for (const child of expr.children) out = union(out, this.taint(child, state, cache, view));
        out = withoutAi(out);
        if (out.has('retrieved') && DELIMITER.test(expr.value ?? '')) {
          const next = new Set(out);
          next.delete('retrieved');
          next.add('retrieved-delimited');
          out = next;
        }
        return out;
      }
      case 'object': {
        let out = EMPTY;
        for (const child of expr.children) out = union(out, this.taint(child, state, cache, view));
        this.visitor.onObject?.(expr, view);
        return withoutAi(out);
      }
      case 'array':
      case 'compare':
      case 'other': {
        let out = EMPTY;
        for (const child of expr.children) out = union(out, this.taint(child, state, cache, view));
        if (
          expr.kind === 'array' &&
          expr.children.length >= 2 &&
          expr.children[0]?.kind === 'string'
        ) {
          this.visitor.onObject?.(expr, view);
        }
        return expr.kind === 'compare' ? EMPTY : withoutAi(out);
      }
      case 'function':
        if (expr.fn) this.run(expr.fn, state, false);
        return EMPTY;
    }
  }

  private callTaint(
    call: IrCall,
    state: Map<string, Taint>,
    cache: WeakMap<IrExpr, Taint>,
    view: FlowView,
  ): Taint {
    const kind = this.classify(call, state, cache, view);
    const object = call.calleeExpr.object;
    const receiverTaint = object ? this.taint(object, state, cache, view) : EMPTY;
    const toolFactory = isToolFactory(call);
    let argTaint = EMPTY;
    const visitArg = (arg: IrExpr): void => {
      if (arg.kind === 'function' && arg.fn) {
        this.run(arg.fn, state, toolFactory, withoutAi(receiverTaint));
        return;
      }
      if (toolFactory && arg.kind === 'object' && arg.props) {
        for (const [key, value] of arg.props) {
          if (
            value.kind === 'function' &&
            value.fn &&
            (key === 'execute' ||
              key === 'func' ||
              key === 'handler' ||
              key === 'invoke' ||
              key === 'run' ||
              key === 'fn')
          ) {
            this.run(value.fn, state, true);
          }
        }
      }
      argTaint = union(argTaint, this.taint(arg, state, cache, view));
    };
    for (const arg of call.args) visitArg(arg);
    for (const [, value] of call.kwargs) visitArg(value);
    if (kind === 'model') this.modelCalls++;
    this.visitor.onCall?.(call, view);
    // `messages.append(x)` / `messages.push(x)`: the list now holds x.
    const method = lastSegment(call.callee);
    if (object?.path !== undefined && GROWING_METHODS.has(method)) {
      const merged = union(state.get(object.path) ?? EMPTY, withoutAi(argTaint));
      if (merged.size > 0) state.set(object.path, merged);
    }
    switch (kind) {
      case 'model':
        return ONLY.model;
      case 'retrieved':
        return ONLY.retrieved;
      case 'aiobj':
        return ONLY.aiobj;
      case 'sanitizer':
        return EMPTY;
      case 'user':
        return ONLY.user;
      case 'external':
        return ONLY.external;
      case 'none':
      default: {
        const calleeOwn =
          call.calleeExpr.kind === 'name'
            ? (state.get(call.calleeExpr.path ?? '') ?? EMPTY)
            : EMPTY;
        return withoutAi(union(union(argTaint, receiverTaint), calleeOwn));
      }
    }
  }
}

function isToolDecorator(decorator: IrExpr): boolean {
  const path = decorator.kind === 'call' ? decorator.call?.callee : decorator.path;
  const last = lastSegment(path);
  return (
    last === 'tool' ||
    last === 'function_tool' ||
    last === 'kernel_function' ||
    last === 'ai_function' ||
    last === 'register_tool' ||
    last === 'call_tool' ||
    last === 'agent_tool'
  );
}

/** Names of functions handed to tool factories or `tools=[...]` lists anywhere in the module. */
function collectToolFunctionNames(main: IrFunction): Set<string> {
  const names = new Set<string>();
  // TypeScript option objects are both call arguments and kwargs: visit each expression once.
  const seen = new Set<IrExpr>();
  const visitExpr = (expr: IrExpr | undefined): void => {
    if (!expr || seen.has(expr)) return;
    seen.add(expr);
    if (expr.kind === 'call' && expr.call) {
      const call = expr.call;
      const factory = isToolFactory(call);
      for (const [key, value] of call.kwargs) {
        if ((factory && ['func', 'fn', 'coroutine', 'function'].includes(key)) || key === 'tools') {
          for (const item of key === 'tools' ? value.children : [value])
            if (item.kind === 'name' && item.path) names.add(item.path);
        }
      }
      if (factory)
        for (const arg of call.args) if (arg.kind === 'name' && arg.path) names.add(arg.path);
      for (const arg of call.args) visitExpr(arg);
      for (const [, value] of call.kwargs) visitExpr(value);
      visitExpr(call.calleeExpr);
      return;
    }
    for (const child of expr.children) visitExpr(child);
    if (expr.fn) visitBody(expr.fn.body);
  };
  const visitBody = (body: readonly IrStatement[]): void => {
    for (const statement of body) {
      if (statement.kind === 'assign') visitExpr(statement.value);
      else if (statement.kind === 'expr') visitExpr(statement.expr);
      else if (statement.kind === 'return') visitExpr(statement.expr);
      else if (statement.kind === 'loop') visitBody(statement.body);
      else if (statement.kind === 'function') visitBody(statement.fn.body);
    }
  };
  visitBody(main.body);
  return names;
}

/** Variable paths mentioned in an expression. */
export function namesIn(expr: IrExpr): string[] {
  const out: string[] = [];
  const visit = (e: IrExpr): void => {
    if ((e.kind === 'name' || e.kind === 'member') && e.path) out.push(e.path);
    if (e.kind === 'call' && e.call) {
      visit(e.call.calleeExpr);
      e.call.args.forEach(visit);
      for (const [, v] of e.call.kwargs) visit(v);
    }
    e.children.forEach(visit);
  };
  visit(expr);
  return out;
}
