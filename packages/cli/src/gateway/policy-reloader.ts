import { readFileSync, statSync, unwatchFile, watchFile } from 'node:fs';
import { BulwarkError } from '@bulwark/core';
import { MAX_POLICY_BYTES, defaultPolicy, loadPolicyText, type Policy } from '@bulwark/policy';
import type { Logger } from 'pino';

/**
 * Holds the current policy and hot-reloads it on file change or SIGHUP.
 * In-flight requests keep the policy they started with (the getter is read
 * per step); a bad new file keeps the old policy and logs why.
 */
export function policyReloader(
  path: string | undefined,
  logger: Logger,
): { current: () => Policy; stop: () => void } {
  if (path === undefined) return { current: defaultPolicy, stop: () => undefined };
  const read = (): Policy => {
    if (statSync(path).size > MAX_POLICY_BYTES)
      throw new BulwarkError('INPUT_TOO_LARGE', `Policy file ${path} is larger than 1 MiB`);
    return loadPolicyText(readFileSync(path, 'utf8'), path);
  };
  let policy = read();
  const reload = (why: string): void => {
    try {
      policy = read();
      logger.info({ path, why }, 'policy reloaded');
    } catch (error) {
      const detail = error instanceof BulwarkError ? error.describe() : String(error);
      logger.error(
        { path, why, error: detail },
        'policy reload failed; keeping the previous policy',
      );
    }
  };
  const onHup = (): void => reload('SIGHUP');
  process.on('SIGHUP', onHup);
  watchFile(path, { interval: 1000 }, (curr, prev) => {
    if (curr.mtimeMs !== prev.mtimeMs) reload('file changed');
  });
  return {
    current: () => policy,
    stop: () => {
      process.off('SIGHUP', onHup);
      unwatchFile(path);
    },
  };
}
