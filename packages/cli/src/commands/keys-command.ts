import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { BulwarkError } from '@bulwark/core';
import { fileKeyStore, generateApiKey, type ApiKeyRecord } from '@bulwark/gateway';
import type { CliContext } from '../cli-io.js';

interface KeyFlags {
  dataDir: string;
  format: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `bulwark keys create|list|revoke`: API keys in DIR/keys.json (hashes only). */
export function registerKeysCommand(program: Command, ctx: CliContext): void {
  const keys = program
    .command('keys')
    .description('manage gateway API keys (stored hashed under --data-dir)');
  const out = (format: string, json: unknown, text: string) =>
    ctx.io.stdout.write(format === 'json' ? `${JSON.stringify(json)}\n` : text);
  const store = (flags: KeyFlags) => fileKeyStore(resolve(ctx.io.cwd, flags.dataDir));

  keys
    .command('create')
    .description('create a key; it is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'a label for the key')
    .option('--role <role>', 'role (repeatable; default user)', collect)
    .option('--tenant <tenant>', 'tenant the key acts for', 'default')
    .option('--model <model>', 'restrict to this model (repeatable)', collect)
    .option('--tool <tool>', 'restrict to this tool (repeatable)', collect)
    .option('--expires-days <n>', 'expire after N days')
    .option('--rpm <n>', 'requests per minute limit')
    .option('--data-dir <dir>', 'state directory', '.bulwark')
    .addOption(
      new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulwark keys create --name ci --role user --data-dir .bulwark --format json',
    )
    .action(
      (
        flags: KeyFlags & {
          name: string;
          role?: string[];
          tenant: string;
          model?: string[];
          tool?: string[];
          expiresDays?: string;
          rpm?: string;
        },
      ) => {
        const positive = (value: string | undefined, flag: string): number | undefined => {
          if (value === undefined) return undefined;
          const n = Number(value);
          if (!Number.isInteger(n) || n <= 0)
            throw new BulwarkError('USAGE', `${flag} must be a positive integer`);
          return n;
        };
        const days = positive(flags.expiresDays, '--expires-days');
        const rpm = positive(flags.rpm, '--rpm');
        const s = store(flags);
        const { key, id, hash } = generateApiKey();
        const record: ApiKeyRecord = {
          id,
          hash,
          name: flags.name,
          tenant: flags.tenant,
          roles: flags.role ?? ['user'],
          createdAt: new Date().toISOString(),
          ...(days ? { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() } : {}),
          ...(flags.model ? { allowedModels: flags.model } : {}),
          ...(flags.tool ? { allowedTools: flags.tool } : {}),
          ...(rpm ? { limits: { requestsPerMinute: rpm } } : {}),
        };
        s.save([...s.list(), record]);
        out(
          flags.format,
          { key, id, name: flags.name },
          `Created key ${id} (${flags.name}). Copy it now, it is not shown again:\n${key}\n`,
        );
      },
    );

  keys
    .command('list')
    .description('list keys (never the keys themselves)')
    .option('--data-dir <dir>', 'state directory', '.bulwark')
    .addOption(
      new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'),
    )
    .action((flags: KeyFlags) => {
      const records = store(flags)
        .list()
        .map(({ hash: _hash, ...rest }) => rest);
      const lines = records.map(
        (r) =>
          `${r.id}  ${r.name}  tenant=${r.tenant}  roles=${r.roles.join(',')}  ${r.revokedAt ? 'revoked' : 'active'}\n`,
      );
      out(flags.format, records, lines.join('') || 'No keys.\n');
    });

  keys
    .command('revoke <id>')
    .description('revoke a key by id (takes effect on the running gateway at once)')
    .option('--data-dir <dir>', 'state directory', '.bulwark')
    .addOption(
      new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'),
    )
    .action((id: string, flags: KeyFlags) => {
      const s = store(flags);
      const records = s.list();
      const record = records.find((r) => r.id === id);
      if (!record)
        throw new BulwarkError('NOT_FOUND', `No key with id ${id}`, {
          hint: 'see bulwark keys list',
        });
      record.revokedAt ??= new Date().toISOString();
      s.save(records);
      out(flags.format, { id, revokedAt: record.revokedAt }, `Revoked key ${id}\n`);
    });
}
