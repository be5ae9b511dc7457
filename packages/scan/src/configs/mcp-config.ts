/**
 * Finding MCP server definitions in client configs. Supported shapes:
 * `{ "mcpServers": {...} }` (Claude Desktop, Claude Code .mcp.json, Cursor,
 * Windsurf, Cline), `{ "servers": {...} }` (VS Code .vscode/mcp.json) and
 * `{ "mcp": { "servers": {...} } }` (VS Code settings.json). JSON with
 * comments and trailing commas (JSONC) is accepted.
 */
export interface McpServer {
  name: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  headers: Record<string, string>;
  url?: string;
  /** 1-based line where the server's key appears. */
  line: number;
}

export const MCP_CONFIG_NAME =
  /(^|\/)(\.?mcp\.json|[\w.-]*\.mcp\.json|mcp_config\.json|mcp-config\.json|mcp_settings\.json|cline_mcp_settings\.json|claude_desktop_config\.json|\.claude\.json|\.vscode\/settings\.json|\.cursor\/mcp\.json|\.vscode\/mcp\.json)$/;

/** Removes // and /* *\/ comments and trailing commas outside strings (linear scan). */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i++;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      i++;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const chunk = text.slice(i, end < 0 ? text.length : end + 2);
      out += chunk.replace(/[^\n]/g, ' ');
      i += chunk.length;
    } else {
      out += ch;
      i++;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(value) ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

export type McpParse = { ok: true; servers: McpServer[] } | { ok: false; message: string };

export function parseMcpConfig(text: string): McpParse {
  let data: unknown;
  try {
    data = JSON.parse(stripJsonComments(text));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'invalid JSON' };
  }
  const root = record(data);
  const entries = serverEntries(root);
  if (entries.length === 0) return { ok: true, servers: [] };
  const lines = text.split('\n');
  const servers: McpServer[] = [];
  for (const [name, raw] of entries) {
    const def = record(raw);
    if (!def) continue;
    const lineIndex = lines.findIndex((l) => l.includes(`"${name}"`));
    const server: McpServer = {
      name,
      args: Array.isArray(def['args'])
        ? def['args'].filter((a): a is string => typeof a === 'string')
        : [],
      env: strings(def['env']),
      headers: strings(def['headers']),
      line: lineIndex < 0 ? 1 : lineIndex + 1,
    };
    if (typeof def['command'] === 'string') server.command = def['command'];
    const url = def['url'] ?? def['serverUrl'] ?? def['httpUrl'];
    if (typeof url === 'string') server.url = url;
    servers.push(server);
  }
  return { ok: true, servers };
}

/**
 * Server tables in the known layouts: a map under `mcpServers` / `servers` /
 * `mcp.servers` / `context_servers`, per-project maps under `projects.*`
 * (Claude Code's ~/.claude.json), or an array of `{ name, ... }` objects.
 */
function serverEntries(root: Record<string, unknown> | undefined): [string, unknown][] {
  if (!root) return [];
  const out: [string, unknown][] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const name = record(item)?.['name'];
        out.push([typeof name === 'string' ? name : `server-${index + 1}`, item]);
      });
      return;
    }
    const table = record(value);
    if (table) out.push(...Object.entries(table));
  };
  add(root['mcpServers']);
  add(root['servers']);
  add(record(root['mcp'])?.['servers']);
  add(root['context_servers']);
  for (const project of Object.values(record(root['projects']) ?? {}))
    add(record(project)?.['mcpServers']);
  return out;
}
