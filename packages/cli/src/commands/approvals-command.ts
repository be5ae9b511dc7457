import { Option, type Command } from 'commander';
import { BulwarkError } from '@bulwark/core';
import type { CliContext } from '../cli-io.js';

interface ApprovalFlags {
  url: string;
  format: string;
  adminKeyEnv: string;
}

/**
 * `bulwark approvals list|approve|deny`: decides pending tool-call approvals
 * through the running gateway's admin API (key from $BULWARK_ADMIN_KEY).
 */
export function registerApprovalsCommand(program: Command, ctx: CliContext): void {
  const approvals = program
    .command('approvals')
    .description('list and decide pending tool-call approvals on a running gateway');
  const common = (c: Command) =>
    c
      .option('--url <url>', 'gateway base URL', 'http://127.0.0.1:8787')
      .option('--admin-key-env <name>', 'env var holding the admin key', 'BULWARK_ADMIN_KEY')
      .addOption(
        new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'),
      );

  const call = async (
    flags: ApprovalFlags,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<unknown> => {
    const key = ctx.io.env[flags.adminKeyEnv];
    if (!key)
      throw new BulwarkError('AUTH_REQUIRED', `Set ${flags.adminKeyEnv} to the gateway admin key`);
    let response: Response;
    try {
      response = await fetch(new URL(path, flags.url), {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new BulwarkError('UPSTREAM_ERROR', `Cannot reach the gateway at ${flags.url}`, {
        cause: error,
        hint: 'is `bulwark gateway` running? check --url',
      });
    }
    const json = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    if (!response.ok) {
      const code =
        response.status === 404
          ? 'NOT_FOUND'
          : response.status === 409
            ? 'CONFLICT'
            : response.status === 401
              ? 'AUTH_INVALID'
              : 'UPSTREAM_ERROR';
      throw new BulwarkError(
        code,
        `Gateway answered ${response.status}: ${json.error?.message ?? 'error'}`,
      );
    }
    return json;
  };

  common(
    approvals
      .command('list')
      .description('list approvals')
      .option('--status <status>', 'pending|approved|denied|expired'),
  ).action(async (flags: ApprovalFlags & { status?: string }) => {
    const result = (await call(
      flags,
      'GET',
      `/admin/approvals${flags.status ? `?status=${encodeURIComponent(flags.status)}` : ''}`,
    )) as {
      data: {
        id: string;
        status: string;
        tool: string;
        principal: string;
        reason: string;
        arguments: string;
      }[];
    };
    if (flags.format === 'json') ctx.io.stdout.write(`${JSON.stringify(result.data)}\n`);
    else {
      const lines = result.data.map(
        (a) =>
          `${a.id}  ${a.status}  ${a.tool}  by ${a.principal}  args ${a.arguments}  (${a.reason})\n`,
      );
      ctx.io.stdout.write(lines.join('') || 'No approvals.\n');
    }
  });
  for (const action of ['approve', 'deny'] as const) {
    common(
      approvals
        .command(`${action} <id>`)
        .description(`${action} a pending approval`)
        .option('--note <text>', 'reason for the record'),
    ).action(async (id: string, flags: ApprovalFlags & { note?: string }) => {
      const result = (await call(
        flags,
        'POST',
        `/admin/approvals/${encodeURIComponent(id)}/${action}`,
        {
          by: ctx.io.env.USER ?? 'cli',
          ...(flags.note ? { note: flags.note } : {}),
        },
      )) as { id: string; status: string };
      ctx.io.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify(result)}\n`
          : `${result.id}: ${result.status}\n`,
      );
    });
  }
}
