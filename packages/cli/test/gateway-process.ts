import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/bulwark.js', import.meta.url));

/** A `bulwark gateway` (or `up`) child process that has printed its URL. */
export interface GatewayProcess {
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then waits for the process to exit (it drains first). */
  stop(): Promise<void>;
}

/**
 * Starts the built `bulwark` binary with `args` (e.g. `['gateway', '--port', '0']`)
 * and resolves once it prints "listening on URL"; rejects, with its output,
 * if it exits first.
 */
export async function startGatewayProcess(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited ${code}: ${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
