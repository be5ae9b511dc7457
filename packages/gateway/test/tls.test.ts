import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '@bulwark/policy';
import {
  createGateway,
  createLogger,
  createSimulatedProvider,
  memoryApprovalStore,
  memoryAuditSink,
  memoryCounterStore,
  memoryKeyStore,
} from '../src/index.js';
import { markerGuard } from './guard-doubles.js';

function selfSigned(): { cert: string; key: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
  } catch {
    return undefined;
  }
  return {
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
  };
}

const pair = selfSigned();

describe.skipIf(!pair)(
  `TLS${pair ? '' : ' (skipped: openssl is not installed to make a test certificate)'}`,
  () => {
    it('serves HTTPS when a certificate and key are configured', async () => {
      const tls = pair as { cert: string; key: string };
      const gateway = createGateway({
        guard: markerGuard(),
        policy: defaultPolicy,
        keys: memoryKeyStore([]),
        routes: [{ model: '*', provider: createSimulatedProvider() }],
        counters: memoryCounterStore(),
        approvals: memoryApprovalStore(),
        audit: memoryAuditSink(),
        logger: createLogger({
          level: 'silent',
          destination: new Writable({ write: (_c, _e, cb) => cb() }) as never,
        }),
        tls,
      });
      const { port } = await gateway.listen(0);
      try {
        const status = await new Promise<number | undefined>((resolve, reject) => {
          get({ host: '127.0.0.1', port, path: '/healthz', ca: tls.cert }, (res) => {
            res.resume();
            resolve(res.statusCode);
          }).on('error', reject);
        });
        expect(status).toBe(200);
      } finally {
        await gateway.close(100);
      }
    });
  },
);
