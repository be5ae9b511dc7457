import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { BulwarkError } from '@bulwark/core';
import { collectInventory, renderAttackSurface } from '@bulwark/scan';
import type { CliContext } from '../cli-io.js';
import { resolveConfig } from '../config/load-config.js';

interface InventoryFlags {
  format: string;
  output?: string;
  config?: string;
}

/** `bulwark scan inventory [PATH]`: the AI inventory as JSON, or a human attack-surface summary. */
export function registerScanInventoryCommand(parent: Command, ctx: CliContext): void {
  parent
    .command('inventory')
    .description(
      'inventory AI usage: dependencies, models, tools, MCP servers, vector stores, prompts',
    )
    .argument('[path]', 'directory to scan', '.')
    .addOption(
      new Option('--format <format>', 'text (attack-surface summary) or json')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--output <file>', 'write to FILE instead of stdout')
    .option('--config <file>', 'config file (default: bulwark.yaml found upward)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulwark scan inventory .\n  $ bulwark scan inventory . --format json --output ai-inventory.json',
    )
    .action(async (path: string, flags: InventoryFlags) => {
      const config = resolveConfig(flags.config, ctx.io.cwd).config.scan ?? {};
      const root = resolve(ctx.io.cwd, path);
      const options: Parameters<typeof collectInventory>[1] = {};
      if (config.include) options.include = config.include;
      if (config.exclude) options.exclude = config.exclude;
      const inventory = await collectInventory(root, options);
      const text =
        flags.format === 'json'
          ? `${JSON.stringify(inventory, null, 2)}\n`
          : renderAttackSurface(inventory);
      if (flags.output === undefined) ctx.io.stdout.write(text);
      else {
        try {
          writeFileSync(resolve(ctx.io.cwd, flags.output), text);
        } catch (error) {
          throw new BulwarkError('FILE_UNWRITABLE', `Cannot write ${flags.output}`, {
            cause: error,
          });
        }
      }
    });
}
