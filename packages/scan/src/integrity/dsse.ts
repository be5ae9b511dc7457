import { sign, verify, type KeyObject } from 'node:crypto';

/**
 * Dead Simple Signing Envelope v1 (github.com/secure-systems-lab/dsse,
 * protocol.md): signatures cover the pre-authentication encoding
 * `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`.
 */
export interface DsseEnvelope {
  payload: string;
  payloadType: string;
  signatures: { sig: string; keyid?: string }[];
}

export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    Buffer.from(payload),
  ]);
}

/** Signs with an Ed25519 (or other one-shot) private key. */
export function signEnvelope(
  payloadType: string,
  payload: Uint8Array,
  key: KeyObject,
  keyid = '',
): DsseEnvelope {
  const sig = sign(null, preAuthEncoding(payloadType, payload), key);
  return {
    payload: Buffer.from(payload).toString('base64'),
    payloadType,
    signatures: [{ sig: sig.toString('base64'), keyid }],
  };
}

/** True when any signature verifies with `key`. */
export function verifyEnvelope(envelope: DsseEnvelope, key: KeyObject): boolean {
  const pae = preAuthEncoding(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  return envelope.signatures.some((s) => {
    try {
      return verify(
        key.asymmetricKeyType === 'ec' ? 'sha256' : null,
        pae,
        key,
        Buffer.from(s.sig, 'base64'),
      );
    } catch {
      return false;
    }
  });
}
