import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BulwarkError } from '@bulwark/core';
import { buildBom } from '@bulwark/scan';
import type { CliContext } from '../cli-io.js';
import { BULWARK_VERSION } from '../version.js';

/**
 * `bulwark bom DIR`: writes a CycloneDX 1.6 AI-BOM (JSON): a
 * `machine-learning-model` component per model file (hashes, format, scan
 * verdict, model-card fields from config.json / README.md) plus the AI
 * inventory — AI libraries with purls, models named in code, vector stores,
 * prompt files — and third-party AI APIs and MCP servers as services.
 */
export function registerBomCommand(program: Command, ctx: CliContext): void {
  program
    .command('bom')
    .description('write a CycloneDX 1.6 AI-BOM for a model or project directory')
    .argument('<dir>', 'directory to describe')
    .option('--output <file>', 'write the BOM to FILE instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulwark bom . > ai-bom.json\n  $ bulwark bom ./models --output models.cdx.json',
    )
    .action(async (dir: string, flags: { output?: string }) => {
      const root = resolve(ctx.io.cwd, dir);
      try {
        if (!statSync(root).isDirectory()) throw new Error('not a directory');
      } catch {
        throw new BulwarkError('FILE_NOT_FOUND', `Directory not found: ${dir}`, {
          hint: 'pass a model or project directory',
        });
      }
      const bom = await buildBom(root, { toolVersion: BULWARK_VERSION });
      const text = `${JSON.stringify(bom, null, 2)}\n`;
      if (flags.output === undefined) ctx.io.stdout.write(text);
      else writeFileSync(resolve(ctx.io.cwd, flags.output), text);
    });
}
