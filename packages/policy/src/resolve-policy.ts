import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import {
  BulwarkError,
  MESSAGE_ROLES,
  type Issue,
  type MessageRole,
  type Result,
} from '@bulwark/core';
import { policySchema, type PolicyDocument, type PolicyThresholds } from './policy-schema.js';
import { REDACTABLE_CATEGORIES, type Policy, type ResolvedThresholds } from './policy.js';
import type { Matcher } from './matcher.js';
import { compileSchema } from './argument-schema.js';

/** Policy files are small; anything bigger is a mistake or an attack. */
export const MAX_POLICY_BYTES = 1024 * 1024;

const BASE_THRESHOLDS: Record<MessageRole, ResolvedThresholds> = {
  system: { flag: 0.7, block: 0.95, onFlag: 'allow' },
  user: { flag: 0.5, block: 0.8, onFlag: 'allow' },
  context: { flag: 0.5, block: 0.8, onFlag: 'allow' },
  output: { flag: 0.5, block: 0.8, onFlag: 'allow' },
};

/**
 * Parses and validates policy YAML. Every syntax and schema problem is
 * returned with line and column (collect-all); on success the policy is
 * resolved into frozen plain data.
 */
export function parsePolicy(text: string, path = 'policy.yaml'): Result<Policy> {
  if (text.length > MAX_POLICY_BYTES) {
    return {
      ok: false,
      issues: [{ code: 'policy.too_large', message: 'policy is larger than 1 MiB', path }],
    };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const issues: Issue[] = [];
  for (const error of document.errors) {
    const pos = error.linePos?.[0];
    issues.push({
      code: 'policy.yaml_syntax',
      message: error.message.split('\n')[0] ?? error.message,
      path,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const parsed = policySchema.safeParse(document.toJS({ maxAliasCount: 100 }) ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keyPath = issue.path.map(String);
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const pos = lineCounter.linePos(nodeOffset(document, keyPath, unknownKey));
      issues.push({
        code: 'policy.schema',
        message: `${keyPath.length > 0 ? `${keyPath.join('.')}: ` : ''}${issue.message}`,
        path,
        line: pos.line,
        column: pos.col,
      });
    }
    return { ok: false, issues };
  }
  const semantic = checkSemantics(parsed.data, document, lineCounter, path);
  if (semantic.length > 0) return { ok: false, issues: semantic };
  return { ok: true, value: resolvePolicy(parsed.data) };
}

/** Like `parsePolicy`, throwing POLICY_INVALID with every issue for CLI/entry use. */
export function loadPolicyText(text: string, path = 'policy.yaml'): Policy {
  const result = parsePolicy(text, path);
  if (result.ok) return result.value;
  const first = result.issues[0];
  const at = first?.line !== undefined ? `:${first.line}:${first.column ?? 1}` : '';
  throw new BulwarkError('POLICY_INVALID', `Invalid policy ${path}${at}`, {
    issues: result.issues,
    hint: 'fix the lines listed below; see docs/gateway.md',
  });
}

/** Resolves a validated document into frozen plain data with every default applied. */
export function resolvePolicy(doc: PolicyDocument): Policy {
  const defaults = {} as Record<MessageRole, ResolvedThresholds>;
  for (const role of MESSAGE_ROLES) {
    defaults[role] = merge(BASE_THRESHOLDS[role], doc.guard?.defaults?.[role]);
  }
  const roles: Record<string, Partial<Record<MessageRole, ResolvedThresholds>>> = {};
  for (const [name, perRole] of Object.entries(doc.guard?.roles ?? {})) {
    const resolved: Partial<Record<MessageRole, ResolvedThresholds>> = {};
    for (const role of MESSAGE_ROLES) {
      const override = perRole[role];
      if (override) resolved[role] = merge(defaults[role], override);
    }
    roles[name] = resolved;
  }
  const policy = {
    version: 1 as const,
    models: doc.models,
    guard: { defaults, roles, redact: [...new Set(doc.guard?.redact ?? REDACTABLE_CATEGORIES)] },
    tools: doc.tools,
    toolDefinitions: {
      maxDescriptionLength: doc.toolDefinitions?.maxDescriptionLength ?? 4096,
      deny: doc.toolDefinitions?.deny ?? [],
    },
  };
  return deepFreeze(structuredClone(policy)) as Policy;
}

function merge(
  base: ResolvedThresholds,
  override: PolicyThresholds | undefined,
): ResolvedThresholds {
  return {
    flag: override?.flag ?? base.flag,
    block: override?.block ?? base.block,
    onFlag: override?.onFlag ?? base.onFlag,
  };
}

/** Rule ids unique, regexes compile, schemas compile: reported with locations. */
function checkSemantics(
  doc: PolicyDocument,
  document: Document,
  lines: LineCounter,
  path: string,
): Issue[] {
  const issues: Issue[] = [];
  const at = (keyPath: (string | number)[], code: string, message: string): void => {
    const pos = lines.linePos(nodeOffset(document, keyPath.map(String), undefined));
    issues.push({ code, message, path, line: pos.line, column: pos.col });
  };
  const seen = new Set<string>();
  const checkId = (id: string, keyPath: (string | number)[]): void => {
    if (seen.has(id)) at(keyPath, 'policy.duplicate_id', `rule id "${id}" is used twice`);
    seen.add(id);
  };
  const checkMatcher = (m: Matcher, keyPath: (string | number)[]): void => {
    if (!('regex' in m)) return;
    try {
      new RegExp(`^(?:${m.regex})$`, 'u');
    } catch (error) {
      at(keyPath, 'policy.bad_regex', `invalid regex: ${(error as Error).message}`);
    }
  };
  doc.models.forEach((rule, i) => {
    checkId(rule.id, ['models', i, 'id']);
    rule.models.forEach((m, j) => checkMatcher(m, ['models', i, 'models', j]));
    rule.when?.tenants?.forEach((m, j) => checkMatcher(m, ['models', i, 'when', 'tenants', j]));
  });
  doc.tools.forEach((rule, i) => {
    checkId(rule.id, ['tools', i, 'id']);
    rule.tools.forEach((m, j) => checkMatcher(m, ['tools', i, 'tools', j]));
    rule.deny?.forEach((d, j) => checkMatcher(d.match, ['tools', i, 'deny', j, 'match']));
    rule.paths?.allow.forEach((m, j) => checkMatcher(m, ['tools', i, 'paths', 'allow', j]));
    if (rule.schema) {
      const compiled = compileSchema(rule.schema);
      if (!compiled.ok) at(['tools', i, 'schema'], 'policy.bad_schema', compiled.error);
    }
  });
  doc.toolDefinitions?.deny?.forEach((d, i) => {
    checkId(d.id, ['toolDefinitions', 'deny', i, 'id']);
    checkMatcher(d.description, ['toolDefinitions', 'deny', i, 'description']);
  });
  return issues;
}

function nodeOffset(document: Document, keyPath: string[], key: string | undefined): number {
  const node = keyPath.length === 0 ? document.contents : document.getIn(keyPath, true);
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
  }
  return isNode(node) && node.range ? node.range[0] : 0;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
