import type { RawHit } from '../findings/build-findings.js';
import type { McpServer } from './mcp-config.js';

/** Checks one MCP server definition against the `mcp.*` rules. */
const RUNNERS: Record<string, number> = { npx: 0, bunx: 0, uvx: 0, pnpx: 0 };
const SUBCOMMAND_RUNNERS: Record<string, string> = {
  pnpm: 'dlx',
  yarn: 'dlx',
  pipx: 'run',
  npm: 'exec',
  bun: 'x',
  uv: 'run',
};
const SECRET_KEY = /key|token|secret|password|passwd|credential|auth|pat$|bearer/i;
const REFERENCE =
  /\$\{|\$[A-Z_]|^<.*>$|^\{\{|%[A-Z_]+%|^(your|xxx|changeme|placeholder|example|<|\.\.\.|sk-\.\.\.)/i;
const SHELLS = new Set([
  'bash',
  'sh',
  'zsh',
  'fish',
  'cmd',
  'cmd.exe',
  'powershell',
  'powershell.exe',
  'pwsh',
]);
const SHELL_PACKAGE =
  /(^|[/@-])(shell|terminal|desktop-commander|code-runner|run-command|commands?|exec|iterm)([/@-]|$)/i;

function base(command: string): string {
  return command.split(/[\\/]/).pop()?.toLowerCase() ?? command;
}

/** The package a runner launches, or undefined when the command is not a package runner. */
export function launchedPackage(server: McpServer): string | undefined {
  if (!server.command) return undefined;
  const cmd = base(server.command).replace(/\.cmd$|\.exe$/, '');
  let args = server.args;
  if (SUBCOMMAND_RUNNERS[cmd] !== undefined) {
    const index = args.indexOf(SUBCOMMAND_RUNNERS[cmd]);
    if (index < 0) return undefined;
    args = args.slice(index + 1);
  } else if (RUNNERS[cmd] === undefined) return undefined;
  const from = args.indexOf('--from');
  if (from >= 0 && args[from + 1]) return args[from + 1];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-p' || arg === '--package') return args[i + 1];
    if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

export function isPinned(spec: string): boolean {
  if (/==\d[\w.+-]*$/.test(spec)) return true;
  if (/^git\+|\.tgz$|^\.{0,2}\//.test(spec))
    return /#[0-9a-f]{40}$/.test(spec) || spec.startsWith('.') || spec.startsWith('/');
  const at = spec.lastIndexOf('@');
  if (at <= 0) return false;
  return /^v?\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(spec.slice(at + 1));
}

function broadPath(value: string): boolean {
  const v = value.replace(/^[^=]*=/, '').trim();
  const host = v.includes(':') && !/^[A-Za-z]:[\\/]/.test(v) ? (v.split(':')[0] ?? v) : v;
  return /^(\/|~\/?|\$HOME\/?|\$\{HOME\}\/?|%USERPROFILE%\\?|[A-Za-z]:[\\/]?|\/(home|Users|root|etc|var|usr)\/?|\/(home|Users)\/[^/]+\/?)$/.test(
    host,
  );
}

function redact(value: string): string {
  return value.length <= 8 ? '****' : `${value.slice(0, 4)}****`;
}

export function checkMcpServer(server: McpServer, path: string): RawHit[] {
  const hits: RawHit[] = [];
  const at = (ruleId: string, evidence: string, message: string, identity?: string): void => {
    const hit: RawHit = {
      ruleId,
      path,
      line: server.line,
      evidence,
      message,
      properties: { server: server.name },
    };
    if (identity !== undefined) hit.identity = identity;
    hits.push(hit);
  };
  const pkg = launchedPackage(server);
  if (pkg !== undefined && !isPinned(pkg)) {
    at(
      'mcp.unpinned-package',
      `${server.command ?? ''} ${pkg}`,
      `MCP server "${server.name}" runs ${pkg} without a pinned version.`,
    );
  }
  const broad = server.args.filter(
    (a, i) => broadPath(a) && !(server.args[i - 1] ?? '').match(/^-(e|-env)$/),
  );
  const mounts = server.args.filter(
    (a, i) =>
      (server.args[i - 1] === '-v' || server.args[i - 1] === '--volume') &&
      broadPath(a.split(':')[0] ?? a),
  );
  for (const arg of new Set([...broad, ...mounts])) {
    at('mcp.broad-filesystem', arg, `MCP server "${server.name}" gets access to ${arg}.`);
  }
  const secretEntries: [string, string][] = [
    ...Object.entries(server.env).filter(([k]) => SECRET_KEY.test(k)),
    ...Object.entries(server.headers).filter(([k]) => /authorization|api-key|token|key/i.test(k)),
  ];
  for (const [key, value] of secretEntries) {
    const bare = value.replace(/^(Bearer|Basic|token)\s+/i, '');
    if (bare.length >= 8 && !REFERENCE.test(bare)) {
      at(
        'mcp.inline-secret',
        `${key}=${redact(bare)}`,
        `MCP server "${server.name}" has a literal ${key}.`,
        `${key}=${bare}`,
      );
    }
  }
  server.args.forEach((arg) => {
    const match = /^--?(api[-_]?key|token|secret|password)=(.+)$/i.exec(arg);
    if (match && (match[2] ?? '').length >= 8 && !REFERENCE.test(match[2] ?? '')) {
      at(
        'mcp.inline-secret',
        `--${match[1] ?? ''}=${redact(match[2] ?? '')}`,
        `MCP server "${server.name}" passes a literal ${match[1] ?? ''} on the command line.`,
        arg,
      );
    }
  });
  if (server.url !== undefined && /^http:\/\//i.test(server.url)) {
    const host = server.url.slice(7).split(/[/:?#]/)[0] ?? '';
    if (!/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|host\.docker\.internal)$/i.test(host)) {
      at('mcp.plain-http', server.url, `MCP server "${server.name}" is reached over plain HTTP.`);
    }
  }
  if (server.command) {
    const cmd = base(server.command);
    const shell =
      SHELLS.has(cmd) &&
      server.args.some((a) => a === '-c' || a === '/c' || a === '-Command' || a === '-command');
    if (shell || (pkg !== undefined && SHELL_PACKAGE.test(pkg))) {
      at(
        'mcp.shell-server',
        `${server.command} ${server.args.join(' ')}`.slice(0, 200),
        `MCP server "${server.name}" can run arbitrary commands.`,
      );
    }
  }
  return hits;
}
