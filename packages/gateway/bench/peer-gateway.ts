// The peer gateway of the side-by-side benchmark (gateway-peer.bench.ts):
// Portkey's open-source TypeScript gateway, run from a separate install
// (never a dependency of Bulwark) as its own pinned process, with its CPU
// time read from /proc. Where it is not installed the suite says how to
// install it and keeps the last recorded section.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Where the suite looks for Portkey unless BULWARK_BENCH_PORTKEY names the start script. */
export const PEER_PREFIX = fileURLToPath(new URL('../../../bench-peers/', import.meta.url));
/** Installs the peer from bench-peers/package.json (pinned there), apart from Bulwark's own dependencies. */
export const PORTKEY_INSTALL = 'npm install --prefix bench-peers';

/** Path of Portkey's `build/start-server.js`, or undefined when it is not installed. */
export function portkeyStartScript(): string | undefined {
  const fromEnv = process.env.BULWARK_BENCH_PORTKEY;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const path = `${PEER_PREFIX}node_modules/@portkey-ai/gateway/build/start-server.js`;
  return existsSync(path) ? path : undefined;
}

/** Installed Portkey version (from its package.json), for the report. */
export function portkeyVersion(script: string): string {
  const manifest = new URL('../package.json', `file://${script}`);
  try {
    return String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version);
  } catch {
    return 'unknown';
  }
}

export interface PeerProcess {
  child: ChildProcess;
  url: string;
  /** Process CPU time (user + system) in µs, from /proc/PID/stat. */
  cpu(): number;
  stop(): void;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** utime + stime of `pid` in µs (Linux /proc; fields 14 and 15 after the command name). */
function procCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts Portkey on a free port (pinned to `cpu` when given) and waits until it answers. */
export async function startPortkey(script: string, cpu: string | undefined): Promise<PeerProcess> {
  const port = await freePort();
  const args = [script, `--port=${port}`];
  const child =
    cpu === undefined
      ? spawn(process.execPath, args, { stdio: 'ignore' })
      : spawn('taskset', ['-c', cpu, process.execPath, ...args], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`Portkey did not start on port ${port} (${script})`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const pid = child.pid ?? 0;
  return { child, url, cpu: () => procCpuMicros(pid), stop: () => child.kill() };
}

/** Headers that route a Portkey request to `upstreamBase` as an OpenAI-compatible provider. */
export function portkeyHeaders(upstreamBase: string, config?: unknown): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: 'Bearer sk-bench-upstream',
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': upstreamBase,
    ...(config === undefined ? {} : { 'x-portkey-config': JSON.stringify(config) }),
  };
}

const SSN_RULE = String.raw`\d{3}-\d{2}-\d{4}`;

/** One Portkey `default.regexMatch` guardrail that denies when a US SSN shape occurs. */
function ssnGuardrail(hook: 'before_request_hooks' | 'after_request_hooks', id: string) {
  const check = { id: 'default.regexMatch', parameters: { rule: SSN_RULE, not: true } };
  return { [hook]: [{ type: 'guardrail', id, deny: true, checks: [check] }] };
}

/** The SSN guardrail on the request (input guardrail). */
export const PORTKEY_INPUT_GUARDRAIL = ssnGuardrail('before_request_hooks', 'ssn-in');
/** The same regex as an output guardrail (after the upstream answered). */
export const PORTKEY_OUTPUT_GUARDRAIL = ssnGuardrail('after_request_hooks', 'ssn-out');
