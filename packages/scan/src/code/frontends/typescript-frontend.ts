import { createRequire } from 'node:module';
import type ts from 'typescript';
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

type TypeScriptApi = typeof ts;
type Lowerer = (path: string, text: string) => IrModule;

let lowerer: Lowerer | undefined;

/**
 * Lowers a TS/JS/JSX/TSX source file to the IR. The TypeScript compiler
 * (several MB of JavaScript) is loaded on first use, so commands that never
 * parse TypeScript do not pay for it at start-up.
 */
export function lowerTypeScript(path: string, text: string): IrModule {
  lowerer ??= buildLowerer(createRequire(import.meta.url)('typescript') as TypeScriptApi);
  return lowerer(path, text);
}

function buildLowerer(ts: TypeScriptApi): Lowerer {
  /*
   * The compiler API's namespace object exposes its functions through getters;
   * bound once here so the per-node checks below are plain function calls.
   */
  const {
    SyntaxKind,
    forEachChild,
    isArrayLiteralExpression,
    isArrowFunction,
    isAsExpression,
    isAwaitExpression,
    isBigIntLiteral,
    isBinaryExpression,
    isBlock,
    isBreakStatement,
    isCallExpression,
    isClassDeclaration,
    isClassExpression,
    isConditionalExpression,
    isConstructorDeclaration,
    isContinueStatement,
    isDoStatement,
    isElementAccessExpression,
    isExportAssignment,
    isExpressionStatement,
    isForInStatement,
    isForOfStatement,
    isForStatement,
    isFunctionDeclaration,
    isFunctionExpression,
    isFunctionLike,
    isIdentifier,
    isIfStatement,
    isImportDeclaration,
    isJsxAttribute,
    isJsxElement,
    isJsxExpression,
    isJsxFragment,
    isJsxSelfClosingElement,
    isLabeledStatement,
    isMethodDeclaration,
    isNamedImports,
    isNamespaceImport,
    isNewExpression,
    isNoSubstitutionTemplateLiteral,
    isNonNullExpression,
    isNumericLiteral,
    isObjectBindingPattern,
    isObjectLiteralExpression,
    isOmittedExpression,
    isParenthesizedExpression,
    isPostfixUnaryExpression,
    isPrefixUnaryExpression,
    isPropertyAccessExpression,
    isPropertyAssignment,
    isPropertyDeclaration,
    isReturnStatement,
    isSatisfiesExpression,
    isShorthandPropertyAssignment,
    isSpreadAssignment,
    isSpreadElement,
    isStringLiteral,
    isSwitchStatement,
    isTaggedTemplateExpression,
    isTemplateExpression,
    isThrowStatement,
    isTryStatement,
    isTypeAssertionExpression,
    isTypeOfExpression,
    isVariableDeclarationList,
    isVariableStatement,
    isVoidExpression,
    isWhileStatement,
  } = ts;

  /**
   * Lowers TypeScript / JavaScript (incl. JSX) into the IR with the TypeScript
   * compiler API's parser (no type checking: one file at a time, fast).
   */
  function lowerTypeScript(path: string, text: string): IrModule {
    const kind = path.endsWith('.tsx')
      ? ts.ScriptKind.TSX
      : path.endsWith('.ts') || path.endsWith('.mts') || path.endsWith('.cts')
        ? ts.ScriptKind.TS
        : ts.ScriptKind.JSX;
    // JSDoc is irrelevant to the rules; skipping it is a large saving on library code.
    const source = ts.createSourceFile(
      path,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      false,
      kind,
    );
    const lowerer = new TypeScriptLowerer(source);
    const main: IrFunction = {
      name: '<module>',
      params: [],
      body: lowerer.statements(source.statements),
      decorators: [],
      line: 1,
    };
    const diagnostics = (source as unknown as { parseDiagnostics?: readonly unknown[] })
      .parseDiagnostics;
    return {
      language: 'typescript',
      main,
      imports: lowerer.imports,
      importedModules: [...lowerer.modules],
      hasSyntaxErrors: (diagnostics?.length ?? 0) > 0,
    };
  }

  function normaliseModule(name: string): string {
    return name.startsWith('node:') ? name.slice(5) : name;
  }

  class TypeScriptLowerer {
    readonly imports = new Map<string, string>();
    readonly modules = new Set<string>();
    constructor(private readonly source: ts.SourceFile) {}

    private position(node: ts.Node): { line: number; column: number } {
      return this.positionAt(node.getStart(this.source));
    }

    private positionAt(start: number): { line: number; column: number } {
      const { line, character } = this.source.getLineAndCharacterOfPosition(start);
      return { line: line + 1, column: character + 1 };
    }

    private text(node: ts.Node): string {
      return this.textAt(node.getStart(this.source), node.end);
    }

    private textAt(start: number, end: number): string {
      // Slice at most MAX_TEXT + 1 characters: getText() on every node of a large
      // minified file would copy the file over and over (quadratic).
      return capText(this.source.text.slice(start, Math.min(end, start + MAX_TEXT + 1)));
    }

    statements(nodes: readonly ts.Statement[] | ts.NodeArray<ts.Statement>): IrStatement[] {
      const out: IrStatement[] = [];
      for (const node of nodes) this.statement(node, out);
      return out;
    }

    private block(node: ts.Statement | undefined, out: IrStatement[]): void {
      if (node === undefined) return;
      if (isBlock(node)) for (const child of node.statements) this.statement(child, out);
      else this.statement(node, out);
    }

    private statement(node: ts.Statement, out: IrStatement[]): void {
      if (this.depth >= MAX_DEPTH) return;
      this.depth++;
      try {
        this.statementInner(node, out);
      } finally {
        this.depth--;
      }
    }

    private statementInner(node: ts.Statement, out: IrStatement[]): void {
      const pos = this.position(node);
      if (isImportDeclaration(node)) {
        this.importDeclaration(node);
      } else if (isVariableStatement(node)) {
        for (const decl of node.declarationList.declarations) this.declaration(decl, out);
      } else if (isExpressionStatement(node)) {
        this.expressionStatement(node.expression, out);
      } else if (isIfStatement(node)) {
        out.push({
          kind: 'guard',
          condition: this.expr(node.expression),
          exits: exits(node.thenStatement),
          line: pos.line,
        });
        this.block(node.thenStatement, out);
        this.block(node.elseStatement, out);
      } else if (isWhileStatement(node) || isDoStatement(node)) {
        const body: IrStatement[] = [];
        this.block(node.statement, body);
        out.push({ kind: 'expr', expr: this.expr(node.expression), line: pos.line });
        out.push({
          kind: 'loop',
          unbounded: isConstantTrue(node.expression) && !hasBoundedExit(node.statement),
          body,
          line: pos.line,
          column: pos.column,
          text: this.text(node).split('\n')[0] ?? '',
        });
      } else if (isForStatement(node)) {
        const body: IrStatement[] = [];
        if (node.initializer && isVariableDeclarationList(node.initializer)) {
          for (const decl of node.initializer.declarations) this.declaration(decl, out);
        }
        this.block(node.statement, body);
        out.push({
          kind: 'loop',
          unbounded: node.condition === undefined && !hasBoundedExit(node.statement),
          body,
          line: pos.line,
          column: pos.column,
          text: this.text(node).split('\n')[0] ?? '',
        });
      } else if (isForOfStatement(node) || isForInStatement(node)) {
        const body: IrStatement[] = [];
        const value = this.expr(node.expression);
        const targets = isVariableDeclarationList(node.initializer)
          ? node.initializer.declarations.flatMap((d) => bindingNames(d.name))
          : [node.initializer.getText(this.source)];
        body.push({
          kind: 'assign',
          targets,
          value,
          line: pos.line,
          column: pos.column,
          text: this.text(node.expression),
        });
        this.block(node.statement, body);
        out.push({
          kind: 'loop',
          unbounded: false,
          body,
          line: pos.line,
          column: pos.column,
          text: '',
        });
      } else if (isReturnStatement(node) || isThrowStatement(node)) {
        const ret: IrStatement = { kind: 'return', line: pos.line };
        if (node.expression) ret.expr = this.expr(node.expression);
        out.push(ret);
      } else if (isTryStatement(node)) {
        this.block(node.tryBlock, out);
        if (node.catchClause) this.block(node.catchClause.block, out);
        if (node.finallyBlock) this.block(node.finallyBlock, out);
      } else if (isBlock(node)) {
        this.block(node, out);
      } else if (isLabeledStatement(node)) {
        this.statement(node.statement, out);
      } else if (isSwitchStatement(node)) {
        out.push({ kind: 'expr', expr: this.expr(node.expression), line: pos.line });
        for (const clause of node.caseBlock.clauses) {
          for (const child of clause.statements) this.statement(child, out);
        }
      } else if (isFunctionDeclaration(node)) {
        out.push({ kind: 'function', fn: this.fn(node, node.name?.text ?? '<anonymous>') });
      } else if (isClassDeclaration(node)) {
        this.classMembers(node, out);
      } else if (isExportAssignment(node)) {
        out.push({ kind: 'expr', expr: this.expr(node.expression), line: pos.line });
      }
    }

    private classMembers(node: ts.ClassDeclaration | ts.ClassExpression, out: IrStatement[]): void {
      for (const member of node.members) {
        if ((isMethodDeclaration(member) || isConstructorDeclaration(member)) && member.body) {
          out.push({
            kind: 'function',
            fn: this.fn(member, member.name?.getText(this.source) ?? 'constructor'),
          });
        } else if (isPropertyDeclaration(member) && member.initializer) {
          const pos = this.position(member);
          out.push({
            kind: 'assign',
            targets: [`this.${member.name.getText(this.source)}`],
            value: this.expr(member.initializer),
            line: pos.line,
            column: pos.column,
            text: this.text(member),
          });
        }
      }
    }

    private importDeclaration(node: ts.ImportDeclaration): void {
      if (!isStringLiteral(node.moduleSpecifier)) return;
      const module = normaliseModule(node.moduleSpecifier.text);
      this.modules.add(module);
      const clause = node.importClause;
      if (!clause) return;
      if (clause.name) this.imports.set(clause.name.text, module);
      const bindings = clause.namedBindings;
      if (bindings && isNamespaceImport(bindings)) this.imports.set(bindings.name.text, module);
      if (bindings && isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          const imported = element.propertyName?.getText(this.source) ?? element.name.text;
          this.imports.set(element.name.text, `${module}.${imported}`);
        }
      }
    }

    private requireModule(node: ts.Expression | undefined): string | undefined {
      let current = node;
      while (current && (isAwaitExpression(current) || isParenthesizedExpression(current))) {
        current = current.expression;
      }
      if (
        current &&
        isCallExpression(current) &&
        (current.expression.getText(this.source) === 'require' ||
          current.expression.kind === SyntaxKind.ImportKeyword) &&
        current.arguments[0] &&
        isStringLiteral(current.arguments[0])
      ) {
        return normaliseModule(current.arguments[0].text);
      }
      return undefined;
    }

    private declaration(decl: ts.VariableDeclaration, out: IrStatement[]): void {
      if (!decl.initializer) return;
      const module = this.requireModule(decl.initializer);
      if (module !== undefined) {
        this.modules.add(module);
        if (isIdentifier(decl.name)) this.imports.set(decl.name.text, module);
        else if (isObjectBindingPattern(decl.name)) {
          for (const element of decl.name.elements) {
            if (!isIdentifier(element.name)) continue;
            const imported = element.propertyName?.getText(this.source) ?? element.name.text;
            this.imports.set(element.name.text, `${module}.${imported}`);
          }
        }
        return;
      }
      const pos = this.position(decl);
      out.push({
        kind: 'assign',
        targets: bindingNames(decl.name),
        value: this.expr(decl.initializer),
        line: pos.line,
        column: pos.column,
        text: this.text(decl),
      });
    }

    private expressionStatement(node: ts.Expression, out: IrStatement[]): void {
      const pos = this.position(node);
      if (
        isBinaryExpression(node) &&
        (node.operatorToken.kind === SyntaxKind.EqualsToken ||
          node.operatorToken.kind === SyntaxKind.PlusEqualsToken)
      ) {
        const target = this.expr(node.left);
        const value = this.expr(node.right);
        const targetName = target.path ?? node.left.getText(this.source);
        const merged: IrExpr =
          node.operatorToken.kind === SyntaxKind.PlusEqualsToken
            ? { ...value, kind: 'template', children: [target, value] }
            : value;
        out.push({
          kind: 'assign',
          targets: [targetName],
          value: merged,
          line: pos.line,
          column: pos.column,
          text: this.text(node),
        });
        return;
      }
      out.push({ kind: 'expr', expr: this.expr(node), line: pos.line });
    }

    fn(
      node: ts.SignatureDeclaration & { body?: ts.ConciseBody | undefined },
      name: string,
    ): IrFunction {
      const pos = this.position(node);
      const body: IrStatement[] = [];
      if (node.body) {
        if (isBlock(node.body)) this.block(node.body, body);
        else
          body.push({
            kind: 'return',
            expr: this.expr(node.body),
            line: this.position(node.body).line,
          });
      }
      return {
        name,
        params: node.parameters.flatMap((p) => bindingNames(p.name)),
        body,
        decorators: [],
        line: pos.line,
      };
    }

    /** Nesting deeper than this is lowered as an opaque expression (stack safety on hostile input). */
    private depth = 0;

    expr(node: ts.Expression | ts.Node): IrExpr {
      if (this.depth >= MAX_DEPTH) {
        const pos = this.position(node);
        return { kind: 'other', text: '…', line: pos.line, column: pos.column, children: [] };
      }
      this.depth++;
      try {
        return this.exprInner(node);
      } finally {
        this.depth--;
      }
    }

    private exprInner(node: ts.Expression | ts.Node): IrExpr {
      const start = node.getStart(this.source);
      const pos = this.positionAt(start);
      const base = { text: this.textAt(start, node.end), line: pos.line, column: pos.column };
      if (
        isAwaitExpression(node) ||
        isParenthesizedExpression(node) ||
        isAsExpression(node) ||
        isNonNullExpression(node) ||
        isTypeAssertionExpression(node) ||
        isSatisfiesExpression(node) ||
        isSpreadElement(node) ||
        isTypeOfExpression(node) ||
        isVoidExpression(node)
      ) {
        return this.expr(node.expression);
      }
      if (isIdentifier(node) || node.kind === SyntaxKind.ThisKeyword) {
        const raw = node.getText(this.source);
        return {
          kind: 'name',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          path: resolveAlias(raw, this.imports),
        };
      }
      if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) {
        return {
          kind: 'string',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          value: node.text,
        };
      }
      if (isNumericLiteral(node) || isBigIntLiteral(node))
        return {
          kind: 'number',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          value: node.text,
        };
      if (
        node.kind === SyntaxKind.TrueKeyword ||
        node.kind === SyntaxKind.FalseKeyword ||
        node.kind === SyntaxKind.NullKeyword ||
        node.kind === SyntaxKind.UndefinedKeyword
      ) {
        return {
          kind: 'literal',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          value: node.getText(this.source),
        };
      }
      if (isPropertyAccessExpression(node) || isElementAccessExpression(node)) {
        const object = this.expr(node.expression);
        const property = isPropertyAccessExpression(node)
          ? node.name.text
          : isStringLiteral(node.argumentExpression)
            ? node.argumentExpression.text
            : '[]';
        const children = [object];
        if (isElementAccessExpression(node) && property === '[]')
          children.push(this.expr(node.argumentExpression));
        const result: IrExpr = {
          kind: 'member',
          text: base.text,
          line: base.line,
          column: base.column,
          object,
          property,
          children,
        };
        if (object.path !== undefined) result.path = `${object.path}.${property}`;
        return result;
      }
      if (isCallExpression(node) || isNewExpression(node)) {
        return {
          kind: 'call',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          call: this.call(node),
        };
      }
      if (isTaggedTemplateExpression(node)) {
        const calleeExpr = this.expr(node.tag);
        const template = this.expr(node.template);
        const call: IrCall = {
          callee: calleeExpr.path ?? '',
          calleeExpr,
          args: [template],
          kwargs: new Map(),
          line: pos.line,
          column: pos.column,
          text: base.text,
        };
        return {
          kind: 'call',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          call,
        };
      }
      if (isTemplateExpression(node)) {
        const children = node.templateSpans.map((span) => this.expr(span.expression));
        const value = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(
          '',
        );
        return {
          kind: 'template',
          text: base.text,
          line: base.line,
          column: base.column,
          value,
          children,
        };
      }
      if (isBinaryExpression(node)) {
        const op = node.operatorToken.kind;
        const children = [this.expr(node.left), this.expr(node.right)];
        if (op === SyntaxKind.PlusToken) {
          const value = children.map((c) => (c.kind === 'string' ? (c.value ?? '') : '')).join('');
          return {
            kind: 'template',
            text: base.text,
            line: base.line,
            column: base.column,
            value,
            children,
          };
        }
        const comparison =
          op === SyntaxKind.LessThanToken ||
          op === SyntaxKind.LessThanEqualsToken ||
          op === SyntaxKind.GreaterThanToken ||
          op === SyntaxKind.GreaterThanEqualsToken ||
          op === SyntaxKind.EqualsEqualsEqualsToken ||
          op === SyntaxKind.ExclamationEqualsEqualsToken ||
          op === SyntaxKind.EqualsEqualsToken ||
          op === SyntaxKind.ExclamationEqualsToken ||
          op === SyntaxKind.InKeyword ||
          op === SyntaxKind.InstanceOfKeyword;
        return {
          kind: comparison ? 'compare' : 'other',
          text: base.text,
          line: base.line,
          column: base.column,
          children,
        };
      }
      if (isConditionalExpression(node)) {
        return {
          kind: 'other',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [this.expr(node.whenTrue), this.expr(node.whenFalse)],
        };
      }
      if (isPrefixUnaryExpression(node) || isPostfixUnaryExpression(node)) {
        return {
          kind: 'other',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [this.expr(node.operand)],
        };
      }
      if (isObjectLiteralExpression(node)) {
        const props = new Map<string, IrExpr>();
        const children: IrExpr[] = [];
        for (const prop of node.properties) {
          if (isPropertyAssignment(prop)) {
            const value = this.expr(prop.initializer);
            props.set(propertyName(prop.name, this.source), value);
            children.push(value);
          } else if (isShorthandPropertyAssignment(prop)) {
            const value = this.expr(prop.name);
            props.set(prop.name.text, value);
            children.push(value);
          } else if (isSpreadAssignment(prop)) {
            children.push(this.expr(prop.expression));
          } else if (isMethodDeclaration(prop)) {
            const fn = this.fn(prop, propertyName(prop.name, this.source));
            const at = this.position(prop);
            const value: IrExpr = {
              kind: 'function',
              text: this.text(prop),
              line: at.line,
              column: at.column,
              children: [],
              fn,
            };
            props.set(fn.name, value);
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
      if (isArrayLiteralExpression(node)) {
        return {
          kind: 'array',
          text: base.text,
          line: base.line,
          column: base.column,
          children: node.elements.map((e) => this.expr(e)),
        };
      }
      if (isArrowFunction(node) || isFunctionExpression(node)) {
        return {
          kind: 'function',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          fn: this.fn(node, '<lambda>'),
        };
      }
      if (isClassExpression(node)) {
        const body: IrStatement[] = [];
        this.classMembers(node, body);
        return {
          kind: 'function',
          text: base.text,
          line: base.line,
          column: base.column,
          children: [],
          fn: { name: '<class>', params: [], body, decorators: [], line: pos.line },
        };
      }
      if (isJsxElement(node) || isJsxSelfClosingElement(node) || isJsxFragment(node)) {
        return {
          kind: 'other',
          text: base.text,
          line: base.line,
          column: base.column,
          children: this.jsx(node),
        };
      }
      if (isJsxExpression(node)) {
        return node.expression
          ? this.expr(node.expression)
          : { kind: 'other', text: base.text, line: base.line, column: base.column, children: [] };
      }
      return { kind: 'other', text: base.text, line: base.line, column: base.column, children: [] };
    }

    /** JSX children are escaped by React; only attribute values and nested elements matter. */
    private jsx(node: ts.Node): IrExpr[] {
      const out: IrExpr[] = [];
      const visit = (child: ts.Node): void => {
        if (isJsxAttribute(child)) {
          const name = child.name.getText(this.source);
          const init = child.initializer;
          if (init && isJsxExpression(init) && init.expression) {
            const value = this.expr(init.expression);
            const pos = this.position(child);
            const calleeExpr: IrExpr = {
              kind: 'name',
              path: `<jsx>.${name}`,
              text: name,
              line: pos.line,
              column: pos.column,
              children: [],
            };
            out.push({
              kind: 'call',
              text: this.text(child),
              line: pos.line,
              column: pos.column,
              children: [],
              call: {
                callee: `<jsx>.${name}`,
                calleeExpr,
                args: [value],
                kwargs: value.props ?? new Map(),
                line: pos.line,
                column: pos.column,
                text: this.text(child),
              },
            });
          }
          return;
        }
        if (isJsxExpression(child)) {
          if (child.expression) {
            const inner = this.expr(child.expression);
            if (inner.kind === 'call' || inner.kind === 'function') out.push(inner);
          }
          return;
        }
        forEachChild(child, visit);
      };
      forEachChild(node, visit);
      return out;
    }

    private call(node: ts.CallExpression | ts.NewExpression): IrCall {
      const pos = this.position(node);
      const calleeExpr = this.expr(node.expression);
      const args = (node.arguments ?? []).map((arg) => this.expr(arg));
      const kwargs = new Map<string, IrExpr>();
      for (const arg of args) {
        if (arg.kind === 'object' && arg.props)
          for (const [key, value] of arg.props) if (!kwargs.has(key)) kwargs.set(key, value);
      }
      let callee =
        calleeExpr.path ?? (calleeExpr.kind === 'member' ? `?.${calleeExpr.property ?? ''}` : '');
      if (node.expression.kind === SyntaxKind.ImportKeyword) callee = 'import';
      return {
        callee,
        calleeExpr,
        args,
        kwargs,
        line: pos.line,
        column: pos.column,
        text: this.text(node),
      };
    }
  }

  function propertyName(name: ts.PropertyName, source: ts.SourceFile): string {
    if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name)) return name.text;
    return name.getText(source);
  }

  function bindingNames(name: ts.BindingName): string[] {
    if (isIdentifier(name)) return [name.text];
    const out: string[] = [];
    for (const element of name.elements) {
      if (isOmittedExpression(element)) continue;
      out.push(...bindingNames(element.name));
    }
    return out;
  }

  function exits(node: ts.Statement): boolean {
    if (
      isReturnStatement(node) ||
      isThrowStatement(node) ||
      isBreakStatement(node) ||
      isContinueStatement(node)
    )
      return true;
    if (isBlock(node)) return node.statements.some((s) => exits(s));
    return false;
  }

  function isConstantTrue(node: ts.Expression): boolean {
    return node.kind === SyntaxKind.TrueKeyword || (isNumericLiteral(node) && node.text !== '0');
  }

  /** A loop body that leaves the loop under a numeric comparison (`if (i >= MAX) break`). */
  function hasBoundedExit(body: ts.Node): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (isFunctionLike(node)) return;
      if (isIfStatement(node) && hasComparison(node.expression) && exits(node.thenStatement)) {
        found = true;
        return;
      }
      forEachChild(node, visit);
    };
    visit(body);
    return found;
  }

  function hasComparison(node: ts.Node): boolean {
    if (
      isBinaryExpression(node) &&
      [
        SyntaxKind.LessThanToken,
        SyntaxKind.LessThanEqualsToken,
        SyntaxKind.GreaterThanToken,
        SyntaxKind.GreaterThanEqualsToken,
      ].includes(node.operatorToken.kind)
    ) {
      return true;
    }
    let found = false;
    forEachChild(node, (child) => {
      if (!found && hasComparison(child)) found = true;
    });
    return found;
  }

  return lowerTypeScript;
}
