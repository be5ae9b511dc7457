import { fileKeyStore, generateApiKey } from '@bulwark/gateway';

/**
 * Mints the demo key `bulwark up` prints: a fresh `user` key named `demo`,
 * revoking earlier demo keys so only the one on screen works.
 */
export function mintDemoKey(dataDir: string): string {
  const store = fileKeyStore(dataDir);
  const now = new Date().toISOString();
  const records = store
    .list()
    .map((r) => (r.name === 'demo' && r.revokedAt === undefined ? { ...r, revokedAt: now } : r));
  const { key, id, hash } = generateApiKey();
  records.push({ id, hash, name: 'demo', tenant: 'demo', roles: ['user'], createdAt: now });
  store.save(records);
  return key;
}
