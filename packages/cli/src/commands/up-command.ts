import { relative } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../cli-io.js';
import { guardOptionsFromConfig } from '../config/detect-config-schema.js';
import { resolveConfig } from '../config/load-config.js';
import { runGateway, untilSignal, SIMULATED_MODEL } from '../gateway/gateway-runtime.js';
import { mintDemoKey } from '../gateway/demo-key.js';
import { addGatewayFlags, gatewayFlags, type RawGatewayFlags } from './gateway-command.js';

/**
 * `bulwark up` (what `npm start` runs): the gateway on embedded defaults. On
 * a fresh clone it serves the simulated model on 127.0.0.1, mints a demo API
 * key and prints copy-paste snippets.
 */
export function registerUpCommand(program: Command, ctx: CliContext): void {
  addGatewayFlags(
    program
      .command('up')
      .description('run the Bulwark platform on embedded defaults (what `npm start` runs)'),
  )
    .addHelpText('after', '\nExamples:\n  $ bulwark up\n  $ npm start\n  $ bulwark up --port 9000')
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
      const key = mintDemoKey(running.dataDir);
      ctx.io.stdout.write(
        banner(running.url, key, running.adminKey, relative(ctx.io.cwd, running.dataDir) || '.'),
      );
      await untilSignal();
      ctx.io.stdout.write('Shutting down: draining in-flight requests…\n');
      await running.stop();
    });
}

function banner(url: string, key: string, adminKey: string | undefined, dataDir: string): string {
  return `
Bulwark is up: ${url}  (model "${SIMULATED_MODEL}" is the built-in simulated model)

Demo API key (shown once; stored hashed): ${key}
${adminKey ? `Admin key for this run: ${adminKey}\n` : ''}
Try it:
  curl -s ${url}/v1/chat/completions \\
    -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\
    -d '{"model":"${SIMULATED_MODEL}","messages":[{"role":"user","content":"Hello"}]}'

  # blocked by policy (the model proposes a destructive tool call):
  curl -s ${url}/v1/chat/completions \\
    -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\
    -d '{"model":"${SIMULATED_MODEL}","messages":[{"role":"user","content":"[[tool:delete_user {\\"id\\":1}]]"}]}'

With the openai client (npm install openai):
  import OpenAI from 'openai';
  const client = new OpenAI({ baseURL: '${url}/v1', apiKey: '${key}' });
  const r = await client.chat.completions.create({ model: '${SIMULATED_MODEL}', messages: [{ role: 'user', content: 'Hello' }] });
  console.log(r.choices[0].message.content);

Health: ${url}/healthz   Metrics: ${url}/metrics   State (keys, audit log): ${dataDir}
Press Ctrl+C to stop.
`;
}
