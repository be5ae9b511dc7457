import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import { BulwarkError, type Issue } from '@bulwark/core';
import { configSchema, type BulwarkConfig } from './config-schema.js';

export const CONFIG_FILE_NAME = 'bulwark.yaml';
/** Config files are small; anything bigger is a mistake or an attack. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Walks up from `start` to the filesystem root looking for bulwark.yaml. */
export function discoverConfig(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadedConfig {
  path: string | undefined;
  config: Readonly<BulwarkConfig>;
}

/**
 * Reads, parses and validates a config file. Every YAML syntax error and
 * schema violation is reported with line and column; the result is frozen.
 */
export function loadConfigFile(path: string): Readonly<BulwarkConfig> {
  let text: string;
  try {
    if (statSync(path).size > MAX_CONFIG_BYTES) {
      throw new BulwarkError('INPUT_TOO_LARGE', `Config file ${path} is larger than 1 MiB`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof BulwarkError) throw error;
    throw new BulwarkError('FILE_UNREADABLE', `Cannot read config file ${path}`, {
      cause: error,
      hint: 'check the path passed to --config',
    });
  }
  return parseConfigText(text, path);
}

export function parseConfigText(text: string, path: string): Readonly<BulwarkConfig> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const issues: Issue[] = [];
  for (const error of document.errors) {
    const pos = error.linePos?.[0];
    issues.push({
      code: 'config.yaml_syntax',
      message: (error.message.split('\n')[0] ?? error.message).replace(
        / at line \d+, column \d+:?$/,
        '',
      ),
      path,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    });
  }
  if (issues.length > 0) throw invalid(path, issues);

  const parsed = configSchema.safeParse(document.toJS({ maxAliasCount: 100 }) ?? {});
  if (parsed.success) return Object.freeze(parsed.data);

  for (const issue of parsed.error.issues) {
    const keyPath = issue.path.map(String);
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const offset = nodeOffset(document, keyPath, unknownKey);
    const pos = lineCounter.linePos(offset);
    const where = keyPath.length > 0 ? `${keyPath.join('.')}: ` : '';
    issues.push({
      code: 'config.schema',
      message: `${where}${issue.message}`,
      path,
      line: pos.line,
      column: pos.col,
    });
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw invalid(path, issues);
}

/** Source offset of the value at `keyPath`, or of `key` itself inside that mapping. */
function nodeOffset(document: Document, keyPath: string[], key: string | undefined): number {
  const node = keyPath.length === 0 ? document.contents : document.getIn(keyPath, true);
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
  }
  return isNode(node) && node.range ? node.range[0] : 0;
}

function invalid(path: string, issues: Issue[]): BulwarkError {
  const first = issues[0];
  const at = first?.line !== undefined ? `:${first.line}:${first.column ?? 1}` : '';
  return new BulwarkError('CONFIG_INVALID', `Invalid config ${path}${at}`, {
    issues,
    hint: 'fix the lines listed below; see docs/configuration.md',
  });
}

/** `--config FILE` wins; otherwise bulwark.yaml is discovered upward from cwd. */
export function resolveConfig(explicitPath: string | undefined, cwd: string): LoadedConfig {
  if (explicitPath !== undefined) {
    const path = resolve(cwd, explicitPath);
    if (!existsSync(path)) {
      throw new BulwarkError('FILE_NOT_FOUND', `Config file not found: ${path}`, {
        hint: 'check the path passed to --config',
      });
    }
    return { path, config: loadConfigFile(path) };
  }
  const discovered = discoverConfig(cwd);
  if (discovered === undefined) return { path: undefined, config: Object.freeze({}) };
  return { path: discovered, config: loadConfigFile(discovered) };
}
