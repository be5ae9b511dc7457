import { spawnSync } from 'node:child_process';
import type { RunNotice } from '@bulwark/core';
import { PUBLIC_AI_KEY_ENV } from '../code/rules/key-rules.js';
import { CODE_RULE_METAS } from '../code/code-scanner.js';
import {
  buildFindings,
  describeRule,
  type RawHit,
  type RuleMeta,
} from '../findings/build-findings.js';
import { readTextFile } from '../files/read-text-file.js';
import type { Scanner, ScannerResult, ScanTarget } from '../scanner.js';
import { CONFIG_RULES } from './config-rules.js';
import { MCP_CONFIG_NAME, parseMcpConfig } from './mcp-config.js';
import { checkMcpServer } from './mcp-rules.js';

const ENV_FILE = /(^|\/)\.env(\.[\w-]+)?$/;
const ENV_TEMPLATE = /\.(example|sample|template|dist|defaults?|schema|tpl|ci|test)$/i;
const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=\s*(.*)$/;
const SECRETISH = /key|token|secret|password|passwd|credential|dsn|auth/i;
const CONFIG_FILE = /\.(ya?ml|toml|json|cfg|ini|conf)$/;
const DANGEROUS_FLAG =
  /(?:^|[\s{,])["']?(allow_dangerous_code|allow_dangerous_requests|allow_dangerous_deserialization|trust_remote_code|allowDangerousCode|allowDangerousRequests|allowDangerousDeserialization|trustRemoteCode)["']?\s*[:=]\s*["']?(true|True|TRUE|yes|on)\b/;
const MAX_CONFIG_BYTES = 1024 * 1024;

const META: ReadonlyMap<string, RuleMeta> = new Map<string, RuleMeta>([
  ...CONFIG_RULES.map((r) => [r.id, r] as const),
  [
    'ai.secrets.public-env-model-key',
    CODE_RULE_METAS.get('ai.secrets.public-env-model-key') as RuleMeta,
  ],
]);

/** Files git tracks under `root`, or undefined when `root` is not in a work tree. */
function trackedFiles(root: string): Set<string> | undefined {
  const result = spawnSync('git', ['ls-files', '-z'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) return undefined;
  return new Set(result.stdout.split('\0').filter(Boolean));
}

function scanEnvFile(
  path: string,
  text: string,
  tracked: Set<string> | undefined,
  hits: RawHit[],
): void {
  const lines = text.split('\n');
  const filled: string[] = [];
  lines.forEach((line, index) => {
    const match = ENV_LINE.exec(line);
    if (!match) return;
    const value = (match[2] ?? '')
      .replace(/\s+#.*$/, '')
      .replace(/^["']|["']$/g, '')
      .trim();
    if (value === '') return;
    filled.push(match[1] ?? '');
    const pub = PUBLIC_AI_KEY_ENV.exec(match[1] ?? '');
    if (pub) {
      hits.push({
        ruleId: 'ai.secrets.public-env-model-key',
        path,
        line: index + 1,
        column: 1,
        evidence: `${match[1] ?? ''}=****`,
        identity: match[1] ?? '',
        message: `${match[1] ?? ''} exposes a model API key to the browser bundle.`,
      });
    }
  });
  if (ENV_TEMPLATE.test(path) || filled.length === 0) return;
  if (tracked !== undefined && !tracked.has(path)) return;
  const secrets = filled.filter((k) => SECRETISH.test(k));
  hits.push({
    ruleId: 'config.env-file-committed',
    path,
    line: 1,
    evidence: `${filled.length} variables (${secrets.slice(0, 5).join(', ') || 'no secret-named keys'})`,
    identity: path,
    message: `${path} is committed with ${filled.length} values${secrets.length > 0 ? `, including ${secrets.length} secret-like keys` : ''}.`,
    severity: secrets.length > 0 ? 'high' : 'medium',
  });
}

/**
 * `ConfigScanner`: MCP client configs, committed `.env` files and dangerous
 * flags in AI framework configuration.
 */
export function createConfigScanner(): Scanner {
  return {
    async scan(target: ScanTarget): Promise<ScannerResult> {
      const hits: RawHit[] = [];
      const notices: RunNotice[] = [];
      let tracked: Set<string> | undefined | null = null;
      for (const path of target.files) {
        const isEnv = ENV_FILE.test(path);
        const isMcp = MCP_CONFIG_NAME.test(path);
        const isConfig =
          CONFIG_FILE.test(path) &&
          !/(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|composer\.lock|tsconfig[\w.-]*\.json)$/.test(
            path,
          );
        if (!isEnv && !isMcp && !isConfig) continue;
        const read = readTextFile(target.root, path, MAX_CONFIG_BYTES);
        if (!read.ok) {
          if (read.notice && (isEnv || isMcp)) notices.push(read.notice);
          continue;
        }
        if (isEnv) {
          if (tracked === null) tracked = trackedFiles(target.root);
          scanEnvFile(path, read.text, tracked, hits);
          continue;
        }
        if (isMcp || (path.endsWith('.json') && /"mcpServers"\s*:/.test(read.text))) {
          const parsed = parseMcpConfig(read.text);
          if (!parsed.ok) {
            if (isMcp)
              notices.push({
                level: 'warning',
                message: `MCP config skipped: ${parsed.message}`,
                path,
              });
          } else {
            for (const server of parsed.servers) hits.push(...checkMcpServer(server, path));
          }
        }
        if (/allow_dangerous|trust_remote_code|allowDangerous|trustRemoteCode/.test(read.text)) {
          read.text.split('\n').forEach((line, index) => {
            const match = DANGEROUS_FLAG.exec(line);
            if (match)
              hits.push({
                ruleId: 'config.agent-dangerous-flag',
                path,
                line: index + 1,
                column: 1,
                evidence: line.trim().slice(0, 200),
                message: `${match[1] ?? ''} is enabled in ${path}.`,
              });
          });
        }
      }
      return {
        findings: buildFindings(hits, META),
        rules: [...META.values()].map((meta) => describeRule(meta, ['config'])),
        notices,
      };
    },
  };
}
