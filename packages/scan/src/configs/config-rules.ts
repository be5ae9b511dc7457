import type { RuleMeta } from '../findings/build-findings.js';

/**
 * Rules over configuration files: MCP client configs (Claude Desktop, Claude
 * Code `.mcp.json`, Cursor, VS Code, Windsurf), committed `.env` files and
 * agent framework YAML/TOML with dangerous flags.
 */
export const CONFIG_RULES: readonly RuleMeta[] = [
  {
    id: 'mcp.unpinned-package',
    title: 'MCP server launched from an unpinned package',
    description:
      "The MCP server runs via npx/uvx/pipx/bunx without an exact version, so every start may fetch and execute a different (possibly hijacked) release with the agent's privileges.",
    remediation:
      'Pin an exact version (pkg@1.2.3, pkg==1.2.3) or install the server ahead of time from a lockfile.',
    severity: 'medium',
    cwe: ['CWE-494', 'CWE-1104'],
    refs: ['LLM03:2025', 'ASI04:2026', 'AML.T0010.001', 'CWE-494'],
  },
  {
    id: 'mcp.broad-filesystem',
    title: 'MCP server given broad file-system access',
    description:
      'The server is given the file-system root, a home directory or a system directory, so any prompt injection reaching the agent can read or change everything there (SSH keys, cloud credentials).',
    remediation:
      'Pass only the project directory (or a dedicated workspace) and mount it read-only where possible.',
    severity: 'high',
    cwe: ['CWE-250', 'CWE-22'],
    refs: ['LLM06:2025', 'ASI02:2026', 'ASI03:2026', 'CWE-250'],
  },
  {
    id: 'mcp.inline-secret',
    title: 'Secret written inline in an MCP config',
    description:
      'An API key, token or password is written literally in the MCP config (env, headers or args) instead of being referenced from the environment.',
    remediation:
      'Reference the secret (${env:NAME}, ${NAME}, inputs with password: true) and rotate the exposed value.',
    severity: 'high',
    cwe: ['CWE-798'],
    refs: ['LLM02:2025', 'CWE-798', 'AML.T0083', 'AML.T0055'],
  },
  {
    id: 'mcp.plain-http',
    title: 'Remote MCP server over plain HTTP',
    description:
      'A remote MCP server is reached over http://, so tool calls, results and credentials travel unencrypted and can be altered in transit.',
    remediation: 'Use https:// for every non-local MCP server.',
    severity: 'high',
    cwe: ['CWE-319'],
    refs: ['LLM03:2025', 'ASI07:2026', 'CWE-200'],
  },
  {
    id: 'mcp.shell-server',
    title: 'MCP server with shell / command execution',
    description:
      'The MCP server is a shell (bash -c, powershell) or a command-execution server, so the model can run arbitrary commands on this machine.',
    remediation:
      'Remove it or restrict it to an allow-list of commands in a sandbox, with per-call user approval.',
    severity: 'high',
    cwe: ['CWE-78', 'CWE-250'],
    refs: ['LLM06:2025', 'ASI02:2026', 'ASI05:2026', 'CWE-78'],
  },
  {
    id: 'config.env-file-committed',
    title: '.env file committed to the repository',
    description:
      'A .env file with values is part of the repository, so the credentials in it are shared with everyone who can read the repo and its history.',
    remediation:
      'Remove it from git (and history), add .env to .gitignore, commit a .env.example without values, and rotate the keys.',
    severity: 'high',
    cwe: ['CWE-538', 'CWE-798'],
    refs: ['LLM02:2025', 'CWE-798', 'AML.T0055'],
  },
  {
    id: 'config.agent-dangerous-flag',
    title: 'Dangerous AI framework flag in configuration',
    description:
      'A configuration file enables allow_dangerous_code, allow_dangerous_requests, allow_dangerous_deserialization or trust_remote_code.',
    remediation:
      'Turn the flag off; if it is truly needed, run that component in a sandbox and pin what it loads.',
    severity: 'high',
    cwe: ['CWE-94', 'CWE-502'],
    refs: ['LLM06:2025', 'LLM03:2025', 'ASI05:2026', 'CWE-94'],
  },
];
