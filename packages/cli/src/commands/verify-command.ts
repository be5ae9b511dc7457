import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { BulwarkError } from '@bulwark/core';
import { DEFAULT_SIGNATURE_NAME, verifyModelDirectory } from '@bulwark/scan';
import type { CliContext } from '../cli-io.js';

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new BulwarkError('FILE_UNREADABLE', `Cannot read ${what} ${path}`, {
      cause: error,
      hint: 'check the path and permissions',
    });
  }
}

/**
 * `bulwark verify model DIR --key PUB`: checks an OpenSSF model-signing v1.0
 * signature and that no file was changed, added or removed. A failure names
 * each file and exits 1 (VERIFICATION_FAILED).
 */
export function registerVerifyCommand(program: Command, ctx: CliContext): void {
  const verify = program.command('verify').description('verify artifact signatures');
  verify
    .command('model')
    .description('verify a signed model directory (OpenSSF model-signing v1.0)')
    .argument('<dir>', 'model directory')
    .requiredOption('--key <file>', 'PEM public key the model was signed with')
    .option('--signature <file>', `signature bundle (default: DIR/${DEFAULT_SIGNATURE_NAME})`)
    .option('--format <format>', 'text or json', 'text')
    .addHelpText('after', '\nExamples:\n  $ bulwark verify model ./my-model --key key.pub.pem')
    .action(async (dir: string, flags: { key: string; signature?: string; format: string }) => {
      const root = resolve(ctx.io.cwd, dir);
      const signaturePath =
        flags.signature === undefined
          ? join(root, DEFAULT_SIGNATURE_NAME)
          : resolve(ctx.io.cwd, flags.signature);
      const bundle = readText(signaturePath, 'signature');
      const key = readText(resolve(ctx.io.cwd, flags.key), 'public key');
      const result = await verifyModelDirectory(root, bundle, key, DEFAULT_SIGNATURE_NAME);
      if (!result.ok) {
        if (flags.format === 'json')
          ctx.io.stdout.write(
            `${JSON.stringify({ verified: false, problems: result.problems })}\n`,
          );
        throw new BulwarkError(
          'VERIFICATION_FAILED',
          `Model verification failed for ${dir}:\n  ${result.problems.join('\n  ')}`,
          {
            hint: 'the model was changed after signing, or was signed with a different key',
          },
        );
      }
      if (flags.format === 'json')
        ctx.io.stdout.write(`${JSON.stringify({ verified: true, files: result.files })}\n`);
      else ctx.io.stdout.write(`verified ${result.files} files in ${dir}\n`);
    });
}
