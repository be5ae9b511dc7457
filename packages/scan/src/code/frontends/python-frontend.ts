import {
  MAX_DEPTH,
  MAX_TEXT,
  capText,
  resolveAlias,
  type IrCall,
  type IrExpr,
  type IrFunction,
  type IrModule,
  type IrStatement,
} from '../ir.js';
import { loadPythonParser, type PyNode } from './python-parser.js';

/** Lowers Python source into the IR using tree-sitter's Python grammar. */
export async function lowerPython(text: string): Promise<IrModule> {
  const parser = await loadPythonParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const lowerer = new PythonLowerer(text);
    const root = tree.rootNode;
    const main: IrFunction = {
      name: '<module>',
      params: [],
      body: lowerer.block(root),
      decorators: [],
      line: 1,
    };
    return {
      language: 'python',
      main,
      imports: lowerer.imports,
      importedModules: [...lowerer.modules],
      hasSyntaxErrors: root.hasError,
    };
  } finally {
    tree.delete();
  }
}

/**
 * `node.childForFieldName` looks the field name up linearly on every call;
 * the grammar's field ids are resolved once per name here instead.
 */
const FIELD_IDS = new Map<string, number>();
function field(node: PyNode, name: string): PyNode | null {
  let id = FIELD_IDS.get(name);
  if (id === undefined) {
    id = node.tree.language.fields.indexOf(name);
    FIELD_IDS.set(name, id);
  }
  return id < 0 ? null : node.childForFieldId(id);
}

const LOOP_EXITS = new Set([
  'return_statement',
  'raise_statement',
  'break_statement',
  'continue_statement',
]);

class PythonLowerer {
  readonly imports = new Map<string, string>();
  constructor(private readonly source: string) {}

  /** Capped source text of a node; `node.text` on every node of a big file would be quadratic. */
  private snippet(node: PyNode): string {
    return capText(
      this.source.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + MAX_TEXT + 1)),
    );
  }

  readonly modules = new Set<string>();

  private pos(node: PyNode): { line: number; column: number } {
    return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
  }

  block(node: PyNode | null | undefined): IrStatement[] {
    const out: IrStatement[] = [];
    if (!node) return out;
    for (const child of node.namedChildren) if (child) this.statement(child, out);
    return out;
  }

  private statement(node: PyNode, out: IrStatement[]): void {
    if (this.depth >= MAX_DEPTH) return;
    this.depth++;
    try {
      this.statementInner(node, out);
    } finally {
      this.depth--;
    }
  }

  private statementInner(node: PyNode, out: IrStatement[]): void {
    const pos = this.pos(node);
    switch (node.type) {
      case 'import_statement':
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'dotted_name') {
            this.modules.add(child.text);
            const root = child.text.split('.')[0] ?? child.text;
            this.imports.set(root, root);
          } else if (child.type === 'aliased_import') {
            const name = field(child, 'name')?.text ?? '';
            const alias = field(child, 'alias')?.text ?? name;
            this.modules.add(name);
            this.imports.set(alias, name);
          }
        }
        return;
      case 'import_from_statement': {
        const module = field(node, 'module_name')?.text ?? '';
        this.modules.add(module);
        for (const child of node.childrenForFieldName('name')) {
          if (!child) continue;
          if (child.type === 'aliased_import') {
            const name = field(child, 'name')?.text ?? '';
            const alias = field(child, 'alias')?.text ?? name;
            this.imports.set(alias, `${module}.${name}`);
          } else {
            this.imports.set(child.text, `${module}.${child.text}`);
          }
        }
        return;
      }
      case 'expression_statement':
        for (const child of node.namedChildren) if (child) this.expressionStatement(child, out);
        return;
      case 'if_statement':
      case 'elif_clause': {
        const condition = field(node, 'condition');
        const consequence = field(node, 'consequence');
        if (condition) {
          out.push({
            kind: 'guard',
            condition: this.expr(condition),
            exits: blockExits(consequence),
            line: pos.line,
          });
        }
        out.push(...this.block(consequence));
        for (const alt of node.childrenForFieldName('alternative')) {
          if (!alt) continue;
          if (alt.type === 'elif_clause') this.statement(alt, out);
          else out.push(...this.block(field(alt, 'body')));
        }
        return;
      }
      case 'for_statement': {
        const body: IrStatement[] = [];
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left && right) {
          body.push({
            kind: 'assign',
            targets: targetNames(left),
            value: this.expr(right),
            line: pos.line,
            column: pos.column,
            text: this.snippet(right),
          });
        }
        body.push(...this.block(field(node, 'body')));
        out.push({
          kind: 'loop',
          unbounded: false,
          body,
          line: pos.line,
          column: pos.column,
          text: '',
        });
        return;
      }
      case 'while_statement': {
        const condition = field(node, 'condition');
        const bodyNode = field(node, 'body');
        const body = this.block(bodyNode);
        const constant =
          condition !== null &&
          (condition.type === 'true' || (condition.type === 'integer' && condition.text !== '0'));
        out.push({
          kind: 'loop',
          unbounded: constant && !hasBoundedExit(bodyNode),
          body,
          line: pos.line,
          column: pos.column,
          text: this.snippet(node).split('\n')[0] ?? '',
        });
        return;
      }
      case 'with_statement': {
        for (const item of node.descendantsOfType('with_item')) {
          const value = item ? field(item, 'value') : undefined;
          if (!value) continue;
          if (value.type === 'as_pattern') {
            const source = value.namedChildren[0];
            const alias = field(value, 'alias');
            if (source && alias) {
              out.push({
                kind: 'assign',
                targets: targetNames(alias),
                value: this.expr(source),
                line: pos.line,
                column: pos.column,
                text: this.snippet(value),
              });
            }
          } else {
            out.push({ kind: 'expr', expr: this.expr(value), line: pos.line });
          }
        }
        out.push(...this.block(field(node, 'body')));
        return;
      }
      case 'try_statement':
        out.push(...this.block(field(node, 'body')));
        for (const child of node.namedChildren) {
          if (
            child &&
            (child.type === 'except_clause' ||
              child.type === 'finally_clause' ||
              child.type === 'else_clause')
          ) {
            const blockNode = child.namedChildren.find((c) => c?.type === 'block');
            out.push(...this.block(blockNode));
          }
        }
        return;
      case 'return_statement':
      case 'raise_statement': {
        const value = node.namedChildren[0];
        const ret: IrStatement = { kind: 'return', line: pos.line };
        if (value) ret.expr = this.expr(value);
        out.push(ret);
        return;
      }
      case 'function_definition':
        out.push({ kind: 'function', fn: this.fn(node, []) });
        return;
      case 'decorated_definition': {
        const decorators = node.namedChildren
          .filter((c): c is PyNode => c?.type === 'decorator')
          .map((d) => this.expr(d.namedChildren[0] ?? d));
        const definition = field(node, 'definition');
        if (definition?.type === 'function_definition')
          out.push({ kind: 'function', fn: this.fn(definition, decorators) });
        else if (definition) this.statement(definition, out);
        return;
      }
      case 'class_definition':
        out.push(...this.block(field(node, 'body')));
        return;
      case 'block':
        out.push(...this.block(node));
        return;
      default:
        return;
    }
  }

  private expressionStatement(node: PyNode, out: IrStatement[]): void {
    const pos = this.pos(node);
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return;
      let value = this.expr(right);
      if (node.type === 'augmented_assignment')
        value = { ...value, kind: 'template', children: [this.expr(left), value] };
      out.push({
        kind: 'assign',
        targets: targetNames(left),
        value,
        line: pos.line,
        column: pos.column,
        text: this.snippet(node),
      });
      return;
    }
    out.push({ kind: 'expr', expr: this.expr(node), line: pos.line });
  }

  private fn(node: PyNode, decorators: IrExpr[]): IrFunction {
    const params: string[] = [];
    const parameters = field(node, 'parameters');
    for (const param of parameters?.namedChildren ?? []) {
      if (!param) continue;
      const name =
        param.type === 'identifier'
          ? param
          : (field(param, 'name') ?? param.namedChildren.find((c) => c?.type === 'identifier'));
      if (name && name.text !== 'self' && name.text !== 'cls') params.push(name.text);
    }
    return {
      name: field(node, 'name')?.text ?? '<anonymous>',
      params,
      body: this.block(field(node, 'body')),
      decorators,
      line: this.pos(node).line,
    };
  }

  /** Nesting deeper than this is lowered as an opaque expression (stack safety on hostile input). */
  private depth = 0;

  expr(node: PyNode): IrExpr {
    if (this.depth >= MAX_DEPTH)
      return {
        kind: 'other',
        text: '…',
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        children: [],
      };
    this.depth++;
    try {
      return this.exprInner(node);
    } finally {
      this.depth--;
    }
  }

  private exprInner(node: PyNode): IrExpr {
    const pos = this.pos(node);
    const base = { text: this.snippet(node), line: pos.line, column: pos.column };
    switch (node.type) {
      case 'identifier':
        return {
          kind: 'name',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          path: resolveAlias(node.text, this.imports),
        };
      case 'attribute': {
        const objectNode = field(node, 'object');
        const property = field(node, 'attribute')?.text ?? '';
        if (!objectNode)
          return {
            kind: 'other',
            text: base.text,
            line: base.line,
            column: base.column,
            children: [],
          };
        const object = this.expr(objectNode);
        const result: IrExpr = {
          kind: 'member',
          text: base.text,
          line: base.line,
          column: base.column,
          object,
          property,
          children: [object],
        };
        if (object.path !== undefined) result.path = `${object.path}.${property}`;
        return result;
      }
      case 'subscript': {
        const valueNode = field(node, 'value');
        if (!valueNode)
          return {
            kind: 'other',
            text: base.text,
            line: base.line,
            column: base.column,
            children: [],
          };
        const object = this.expr(valueNode);
        const sub = field(node, 'subscript');
        const key = sub?.type === 'string' ? stringValue(sub) : '[]';
        const children = [object];
        if (sub && key === '[]') children.push(this.expr(sub));
        const result: IrExpr = {
          kind: 'member',
          text: base.text,
          line: base.line,
          column: base.column,
          object,
          property: key,
          children,
        };
        if (object.path !== undefined) result.path = `${object.path}.${key}`;
        return result;
      }
      case 'string': {
        const interpolations = node.namedChildren.filter(
          (c): c is PyNode => c?.type === 'interpolation',
        );
        const value = stringValue(node);
        if (interpolations.length === 0)
          return {
            kind: 'string',
            text: base.text,
            line: base.line,
            column: base.column,
            children: [],
            value,
          };
        const children = interpolations.map((i) => this.expr(i.namedChildren[0] ?? i));
        return {
          kind: 'template',
          text: base.text,
          line: base.line,
          column: base.column,
          value,
          children,
        };
      }
      case 'concatenated_string': {
        const parts = node.namedChildren
          .filter((c): c is PyNode => c !== null)
          .map((c) => this.expr(c));
        const value = parts.map((p) => p.value ?? '').join('');
        if (parts.every((p) => p.kind === 'string'))
          return {
            kind: 'string',
            text: base.text,
            line: base.line,
            column: base.column,
            children: [],
            value,
          };
        return {
          kind: 'template',
          text: base.text,
          line: base.line,
          column: base.column,
          value,
          children: parts,
        };
      }
      case 'integer':
      case 'float':
        return {
          kind: 'number',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          value: node.text,
        };
      case 'true':
      case 'false':
      case 'none':
        return {
          kind: 'literal',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          value: node.text,
        };
      case 'call':
        return {
          kind: 'call',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          call: this.call(node),
        };
      case 'binary_operator': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        const children = [left, right]
          .filter((c): c is PyNode => c !== null)
          .map((c) => this.expr(c));
        const op = field(node, 'operator')?.type ?? '';
        if (op === '+' || op === '%') {
          const value = children.map((c) => c.value ?? '').join('');
          return {
            kind: 'template',
            text: base.text,
            line: base.line,
            column: base.column,
            value,
            children,
          };
        }
        if (op === '|')
          return {
            kind: 'call',
            text: base.text,
            line: base.line,
            column: base.column,
            children: [],
            call: pipeCall(base, children),
          };
        return { kind: 'other', text: base.text, line: base.line, column: base.column, children };
      }
      case 'comparison_operator':
        return {
          kind: 'compare',
          text: base.text,
          line: base.line,
          column: base.column,
          children: this.all(node),
        };
      case 'dictionary': {
        const props = new Map<string, IrExpr>();
        const children: IrExpr[] = [];
        for (const pair of node.namedChildren) {
          if (!pair) continue;
          if (pair.type === 'pair') {
            const key = field(pair, 'key');
            const valueNode = field(pair, 'value');
            if (!valueNode) continue;
            const value = this.expr(valueNode);
            if (key?.type === 'string') props.set(stringValue(key), value);
            children.push(value);
          } else {
            children.push(this.expr(pair));
          }
        }
        return {
          kind: 'object',
          text: base.text,
          line: base.line,
          column: base.column,
          props,
          children,
        };
      }
      case 'list':
      case 'tuple':
      case 'set':
        return {
          kind: 'array',
          text: base.text,
          line: base.line,
          column: base.column,
          children: this.all(node),
        };
      case 'lambda': {
        const bodyNode = field(node, 'body');
        const params: string[] = [];
        for (const p of field(node, 'parameters')?.namedChildren ?? [])
          if (p?.type === 'identifier') params.push(p.text);
        const body: IrStatement[] = bodyNode
          ? [{ kind: 'return', expr: this.expr(bodyNode), line: pos.line }]
          : [];
        return {
          kind: 'function',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          fn: { name: '<lambda>', params, body, decorators: [], line: pos.line },
        };
      }
      case 'list_comprehension':
      case 'generator_expression':
      case 'set_comprehension':
      case 'dictionary_comprehension': {
        // `[d.page_content for d in docs]`: the element depends on the iterable.
        const children: IrExpr[] = [];
        const body = field(node, 'body');
        for (const clause of node.namedChildren) {
          if (clause?.type === 'for_in_clause') {
            const right = field(clause, 'right');
            if (right) children.push(this.expr(right));
          }
        }
        if (body && children.length === 0) children.push(this.expr(body));
        return { kind: 'other', text: base.text, line: base.line, column: base.column, children };
      }
      case 'await':
      case 'parenthesized_expression':
      case 'keyword_argument':
      case 'list_splat':
      case 'dictionary_splat':
      case 'expression_list': {
        const inner = node.namedChildren.filter((c): c is PyNode => c !== null);
        if (inner.length === 1 && inner[0]) return this.expr(inner[0]);
        return {
          kind: node.type === 'expression_list' ? 'array' : 'other',
          text: base.text,
          line: base.line,
          column: base.column,
          children: inner.map((c) => this.expr(c)),
        };
      }
      case 'conditional_expression':
      case 'boolean_operator':
      case 'not_operator':
      case 'unary_operator':
        return {
          kind: 'other',
          text: base.text,
          line: base.line,
          column: base.column,
          children: this.all(node),
        };
      default:
        return {
          kind: 'other',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
        };
    }
  }

  private all(node: PyNode): IrExpr[] {
    return node.namedChildren.filter((c): c is PyNode => c !== null).map((c) => this.expr(c));
  }

  private call(node: PyNode): IrCall {
    const pos = this.pos(node);
    const fnNode = field(node, 'function');
    const calleeExpr = fnNode
      ? this.expr(fnNode)
      : { kind: 'other' as const, text: '', line: pos.line, column: pos.column, children: [] };
    const args: IrExpr[] = [];
    const kwargs = new Map<string, IrExpr>();
    const argNode = field(node, 'arguments');
    // `f(x for x in xs)`: the generator itself is the only argument.
    const argNodes =
      argNode?.type === 'generator_expression' ? [argNode] : (argNode?.namedChildren ?? []);
    for (const arg of argNodes) {
      if (!arg || arg.type === 'comment') continue;
      if (arg.type === 'keyword_argument') {
        const name = field(arg, 'name')?.text ?? '';
        const value = field(arg, 'value');
        if (value) kwargs.set(name, this.expr(value));
      } else {
        args.push(this.expr(arg));
      }
    }
    const callee =
      calleeExpr.path ?? (calleeExpr.kind === 'member' ? `?.${calleeExpr.property ?? ''}` : '');
    return {
      callee,
      calleeExpr,
      args,
      kwargs,
      line: pos.line,
      column: pos.column,
      text: this.snippet(node),
    };
  }
}

/** `prompt | llm | parser` (LangChain expression language) as a pseudo call `<pipe>`. */
function pipeCall(
  base: { text: string; line: number; column: number },
  children: IrExpr[],
): IrCall {
  const calleeExpr: IrExpr = {
    kind: 'name',
    path: '<pipe>',
    text: '|',
    line: base.line,
    column: base.column,
    children: [],
  };
  return {
    callee: '<pipe>',
    calleeExpr,
    args: children,
    kwargs: new Map(),
    line: base.line,
    column: base.column,
    text: base.text,
  };
}

function stringValue(node: PyNode): string {
  return node.namedChildren
    .filter((c): c is PyNode => c?.type === 'string_content')
    .map((c) => c.text)
    .join('')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

function targetNames(node: PyNode): string[] {
  if (node.type === 'identifier') return [node.text];
  if (
    node.type === 'pattern_list' ||
    node.type === 'tuple_pattern' ||
    node.type === 'list_pattern' ||
    node.type === 'tuple'
  ) {
    return node.namedChildren.flatMap((c) => (c ? targetNames(c) : []));
  }
  return [node.text];
}

function blockExits(node: PyNode | null): boolean {
  if (!node) return false;
  return node.namedChildren.some((c) => c !== null && LOOP_EXITS.has(c.type));
}

function hasBoundedExit(body: PyNode | null): boolean {
  if (!body) return false;
  for (const ifNode of body.descendantsOfType('if_statement')) {
    const condition = ifNode ? field(ifNode, 'condition') : undefined;
    if (!condition) continue;
    const comparison =
      condition.type === 'comparison_operator' ||
      condition.descendantsOfType('comparison_operator').length > 0;
    if (
      comparison &&
      /[<>]/.test(condition.text) &&
      blockExits((ifNode ? field(ifNode, 'consequence') : undefined) ?? null)
    )
      return true;
  }
  return false;
}
