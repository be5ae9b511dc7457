import { createPublicKey } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import {
  Verifier,
  toSignedEntity,
  toTrustMaterial,
  type VerificationPolicy,
} from '@sigstore/verify';
import publicGoodRoot from './sigstore-trusted-root.json';

/**
 * Offline verification of a Sigstore bundle with `@sigstore/verify`.
 * Keyless bundles (Fulcio certificate + Rekor entry) are checked against a
 * vendored copy of the public-good `trusted_root.json` (from the
 * `@sigstore/tuf` seeds, Apache-2.0) or one passed in; no network is used.
 * Bundles signed with a local key (`verificationMaterial.publicKey`) are
 * checked against that key with no log or timestamp required.
 */
export interface SigstoreVerifyOptions {
  /** PEM public key for key-signed bundles. */
  publicKeyPem?: string;
  /** Expected certificate identity (SAN: e-mail or URI) for keyless bundles. */
  identity?: string;
  /** Expected OIDC issuer for keyless bundles. */
  issuer?: string;
  /** A `trusted_root.json` document replacing the vendored one. */
  trustedRoot?: unknown;
}

export type SigstoreVerification =
  { ok: true; identity: string | undefined } | { ok: false; problems: string[] };

export function verifySigstoreBundle(
  bundleJson: unknown,
  options: SigstoreVerifyOptions = {},
): SigstoreVerification {
  try {
    const bundle = bundleFromJSON(bundleJson);
    const root = TrustedRoot.fromJSON(options.trustedRoot ?? publicGoodRoot);
    const keyed = options.publicKeyPem !== undefined;
    const publicKeyPem = options.publicKeyPem;
    const trust = keyed
      ? toTrustMaterial(root, () => ({
          publicKey: createPublicKey(publicKeyPem ?? ''),
          validFor: () => true,
        }))
      : toTrustMaterial(root);
    const verifier = new Verifier(
      trust,
      keyed
        ? { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }
        : { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 },
    );
    const policy: VerificationPolicy = {};
    if (options.identity !== undefined) policy.subjectAlternativeName = options.identity;
    if (options.issuer !== undefined) policy.extensions = { issuer: options.issuer };
    const signer = verifier.verify(toSignedEntity(bundle), keyed ? undefined : policy);
    return { ok: true, identity: signer.identity?.subjectAlternativeName };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [`Sigstore bundle verification failed: ${message.slice(0, 300)}`],
    };
  }
}
