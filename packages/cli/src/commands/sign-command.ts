import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { BulwarkError } from '@bulwark/core';
import { DEFAULT_SIGNATURE_NAME, signModelDirectory } from '@bulwark/scan';
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
 * `bulwark sign model DIR --key KEY`: writes an OpenSSF model-signing v1.0
 * signature (Sigstore bundle with a DSSE-signed in-toto statement of every
 * file's SHA-256) to DIR/model.sig, signed locally with a PEM private key.
 */
export function registerSignCommand(program: Command, ctx: CliContext): void {
  const sign = program.command('sign').description('sign artifacts');
  sign
    .command('model')
    .description('sign a model directory (OpenSSF model-signing v1.0, local key)')
    .argument('<dir>', 'model directory')
    .requiredOption('--key <file>', 'PEM private key (Ed25519 or ECDSA P-256)')
    .option(
      '--signature <file>',
      `where to write the signature (default: DIR/${DEFAULT_SIGNATURE_NAME})`,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ openssl genpkey -algorithm ed25519 -out key.pem\n  $ bulwark sign model ./my-model --key key.pem',
    )
    .action(async (dir: string, flags: { key: string; signature?: string }) => {
      const root = resolve(ctx.io.cwd, dir);
      const keyPem = readText(resolve(ctx.io.cwd, flags.key), 'private key');
      const signaturePath =
        flags.signature === undefined
          ? join(root, DEFAULT_SIGNATURE_NAME)
          : resolve(ctx.io.cwd, flags.signature);
      let bundle;
      try {
        bundle = await signModelDirectory(root, keyPem, DEFAULT_SIGNATURE_NAME);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENOENT' || code === 'ENOTDIR')
          throw new BulwarkError('FILE_NOT_FOUND', `Model directory not found: ${dir}`);
        if (code?.startsWith('ERR_OSSL') === true || code === 'ERR_INVALID_ARG_VALUE') {
          throw new BulwarkError('INPUT_INVALID', `${flags.key} is not a usable PEM private key`, {
            hint: 'create one with: openssl genpkey -algorithm ed25519 -out key.pem',
          });
        }
        throw error;
      }
      writeFileSync(signaturePath, `${JSON.stringify(bundle, null, 2)}\n`);
      ctx.io.stderr.write(`signed ${root} → ${signaturePath}\n`);
    });
}
