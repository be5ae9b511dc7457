import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { BulwarkError } from '@bulwark/core';
import {
  DEFAULT_SIGNATURE_NAME,
  verifyModelSignature,
  type SigstoreVerifyOptions,
} from '@bulwark/scan';
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
    .option('--key <file>', 'PEM public key the model was signed with')
    .option(
      '--identity <san>',
      'keyless: expected signer identity (e-mail or URI in the certificate)',
    )
    .option('--issuer <url>', 'keyless: expected OIDC issuer')
    .option(
      '--trusted-root <file>',
      'keyless: trusted_root.json to use instead of the bundled public-good root',
    )
    .option('--signature <file>', `signature bundle (default: DIR/${DEFAULT_SIGNATURE_NAME})`)
    .option('--bundle <file>', 'same as --signature')
    .addOption(
      new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulwark verify model ./my-model --key key.pub.pem\n  $ bulwark verify model ./my-model --identity dev@example.com --issuer https://accounts.google.com',
    )
    .action(
      async (
        dir: string,
        flags: {
          key?: string;
          signature?: string;
          bundle?: string;
          identity?: string;
          issuer?: string;
          trustedRoot?: string;
          format: string;
        },
      ) => {
        const root = resolve(ctx.io.cwd, dir);
        const given = flags.bundle ?? flags.signature;
        const signaturePath =
          given === undefined ? join(root, DEFAULT_SIGNATURE_NAME) : resolve(ctx.io.cwd, given);
        const bundle = readText(signaturePath, 'signature');
        const options: SigstoreVerifyOptions = {};
        if (flags.key !== undefined)
          options.publicKeyPem = readText(resolve(ctx.io.cwd, flags.key), 'public key');
        else if (flags.identity === undefined || flags.issuer === undefined) {
          throw new BulwarkError(
            'USAGE',
            'verify model needs --key, or --identity and --issuer for keyless signatures',
            {
              hint: 'pass the public key the model was signed with, or the expected signer identity and OIDC issuer',
            },
          );
        }
        if (flags.identity !== undefined) options.identity = flags.identity;
        if (flags.issuer !== undefined) options.issuer = flags.issuer;
        if (flags.trustedRoot !== undefined) {
          try {
            options.trustedRoot = JSON.parse(
              readText(resolve(ctx.io.cwd, flags.trustedRoot), 'trusted root'),
            );
          } catch (error) {
            if (error instanceof BulwarkError) throw error;
            throw new BulwarkError('INPUT_INVALID', `${flags.trustedRoot} is not JSON`);
          }
        }
        const result = await verifyModelSignature(root, bundle, options, DEFAULT_SIGNATURE_NAME);
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
      },
    );
}
