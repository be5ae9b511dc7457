import type { Command } from 'commander';
import { BulwarkError } from '@bulwark/core';
import type { CliContext } from '../cli-io.js';
import { guardOptionsFromConfig } from '../config/detect-config-schema.js';
import { resolveConfig } from '../config/load-config.js';
import { runGateway, untilSignal, type GatewayFlags } from '../gateway/gateway-runtime.js';

/** Raw gateway flags as commander hands them over. */
export interface RawGatewayFlags {
  config?: string;
  port?: string;
  host?: string;
  upstream?: string;
  dataDir?: string;
  policy?: string;
}

/** Parses and checks the shared gateway flags. */
export function gatewayFlags(raw: RawGatewayFlags): GatewayFlags {
  const flags: GatewayFlags = {};
  if (raw.port !== undefined) {
    const port = Number(raw.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new BulwarkError('USAGE', `--port must be an integer 0-65535, got "${raw.port}"`);
    }
    flags.port = port;
  }
  if (raw.upstream !== undefined) {
    let url: URL;
    try {
      url = new URL(raw.upstream);
    } catch {
      throw new BulwarkError('USAGE', `--upstream must be an http(s) URL, got "${raw.upstream}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new BulwarkError('USAGE', `--upstream must be an http(s) URL, got "${raw.upstream}"`);
    }
    flags.upstream = raw.upstream;
  }
  if (raw.host !== undefined) flags.host = raw.host;
  if (raw.dataDir !== undefined) flags.dataDir = raw.dataDir;
  if (raw.policy !== undefined) flags.policy = raw.policy;
  return flags;
}

export function addGatewayFlags(command: Command): Command {
  return command
    .option('--config <file>', 'bulwark.yaml to use (default: discovered upward from cwd)')
    .option('--port <n>', 'port to listen on (default 8787; 0 = any free port)')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option(
      '--upstream <url>',
      'route every model to this OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1',
    )
    .option('--data-dir <dir>', 'state directory: API keys, audit log (default .bulwark)')
    .option('--policy <file>', 'policy YAML (default: the built-in default policy)');
}

/** `bulwark gateway`: runs the security gateway until SIGINT/SIGTERM, then drains. */
export function registerGatewayCommand(program: Command, ctx: CliContext): void {
  addGatewayFlags(
    program
      .command('gateway')
      .description(
        'run the OpenAI-compatible security gateway (identity, policy, limits, guard, audit)',
      ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulwark gateway\n  $ bulwark gateway --port 8080 --upstream http://127.0.0.1:11434/v1 --data-dir ./state',
    )
    .action(async (raw: RawGatewayFlags) => {
      const flags = gatewayFlags(raw);
      const { config } = resolveConfig(raw.config, ctx.io.cwd);
      const running = await runGateway(
        config.gateway ?? {},
        flags,
        ctx.io.env,
        ctx.io.cwd,
        guardOptionsFromConfig(config.detect),
      );
      ctx.io.stdout.write(`Bulwark gateway listening on ${running.url}\n`);
      if (running.adminKey) {
        ctx.io.stdout.write(
          `Admin key for this run (set BULWARK_ADMIN_KEY to choose your own): ${running.adminKey}\n`,
        );
      }
      await untilSignal();
      ctx.io.stdout.write('Shutting down: draining in-flight requests…\n');
      await running.stop();
    });
}
