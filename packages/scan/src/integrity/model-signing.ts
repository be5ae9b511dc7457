import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import { signEnvelope, verifyEnvelope, type DsseEnvelope } from './dsse.js';
import { digestTree } from './file-digests.js';
import { verifySigstoreBundle, type SigstoreVerifyOptions } from './sigstore-verify.js';

/**
 * OpenSSF model-signing v1.0 (github.com/sigstore/model-transparency): a
 * Sigstore bundle (media type v0.3) whose DSSE envelope carries an in-toto
 * Statement v1. The predicate lists every file with its SHA-256; the subject
 * digest is SHA-256 over the concatenated raw file digests in name order.
 */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const MODEL_SIGNING_PREDICATE = 'https://model_signing/signature/v1.0';
export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const DEFAULT_SIGNATURE_NAME = 'model.sig';

export interface ModelResource {
  name: string;
  algorithm: 'sha256';
  digest: string;
}

export interface ModelStatement {
  _type: string;
  subject: { name: string; digest: { sha256: string } }[];
  predicateType: string;
  predicate: {
    serialization: {
      method: 'files';
      hash_type: 'sha256';
      allow_symlinks: boolean;
      ignore_paths: string[];
    };
    resources: ModelResource[];
  };
}

export interface ModelSignatureBundle {
  mediaType: string;
  verificationMaterial: { publicKey?: { hint: string } } & Record<string, unknown>;
  dsseEnvelope: DsseEnvelope;
}

export function subjectDigest(resources: readonly ModelResource[]): string {
  const hash = createHash('sha256');
  for (const r of [...resources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    hash.update(Buffer.from(r.digest, 'hex'));
  return hash.digest('hex');
}

export function keyHint(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/** Builds the in-toto statement for a model directory. */
export async function buildModelStatement(
  root: string,
  ignore: readonly string[],
): Promise<{ statement: ModelStatement; links: string[] }> {
  const { digests, links } = await digestTree(root, ignore);
  const resources: ModelResource[] = [...digests].map(([name, digest]) => ({
    name,
    algorithm: 'sha256',
    digest,
  }));
  return {
    links,
    statement: {
      _type: STATEMENT_TYPE,
      subject: [{ name: basename(root), digest: { sha256: subjectDigest(resources) } }],
      predicateType: MODEL_SIGNING_PREDICATE,
      predicate: {
        serialization: {
          method: 'files',
          hash_type: 'sha256',
          allow_symlinks: false,
          ignore_paths: [...ignore],
        },
        resources,
      },
    },
  };
}

/** Signs a model directory with a PEM private key (Ed25519 or ECDSA P-256). */
export async function signModelDirectory(
  root: string,
  privateKeyPem: string,
  signatureName = DEFAULT_SIGNATURE_NAME,
): Promise<ModelSignatureBundle> {
  const key = createPrivateKey(privateKeyPem);
  const { statement } = await buildModelStatement(root, [signatureName]);
  const envelope = signEnvelope(
    IN_TOTO_PAYLOAD_TYPE,
    Buffer.from(JSON.stringify(statement)),
    key,
    '',
  );
  return {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: keyHint(key) } },
    dsseEnvelope: envelope,
  };
}

export type ModelVerification =
  { ok: true; files: number; statement: ModelStatement } | { ok: false; problems: string[] };

/** Parses and checks the shape of a bundle read from disk. */
export function parseBundle(
  text: string,
): { ok: true; bundle: ModelSignatureBundle } | { ok: false; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: ['signature file is not JSON'] };
  }
  const bundle = value as Partial<ModelSignatureBundle> | null;
  const env = bundle?.dsseEnvelope;
  if (
    env === undefined ||
    typeof env.payload !== 'string' ||
    typeof env.payloadType !== 'string' ||
    !Array.isArray(env.signatures)
  ) {
    return { ok: false, problems: ['signature file has no DSSE envelope'] };
  }
  return { ok: true, bundle: bundle as ModelSignatureBundle };
}

/** Decodes the statement out of a (signature-checked) envelope. */
export function statementOf(
  envelope: DsseEnvelope,
): { ok: true; statement: ModelStatement } | { ok: false; problems: string[] } {
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return { ok: false, problems: [`unexpected payload type ${envelope.payloadType}`] };
  let statement: ModelStatement;
  try {
    statement = JSON.parse(
      Buffer.from(envelope.payload, 'base64').toString('utf8'),
    ) as ModelStatement;
  } catch {
    return { ok: false, problems: ['signed payload is not JSON'] };
  }
  if (
    statement._type !== STATEMENT_TYPE ||
    statement.predicateType !== MODEL_SIGNING_PREDICATE ||
    !Array.isArray(statement.predicate?.resources)
  ) {
    return { ok: false, problems: ['signed payload is not a model-signing v1.0 statement'] };
  }
  return { ok: true, statement };
}

/** Compares the signed file list with the directory: every change names the file. */
export async function compareWithDirectory(
  root: string,
  statement: ModelStatement,
  signatureName: string,
): Promise<string[]> {
  const problems: string[] = [];
  const ignore = [
    ...new Set([...(statement.predicate.serialization?.ignore_paths ?? []), signatureName]),
  ];
  const { digests, links } = await digestTree(root, ignore);
  for (const link of links)
    problems.push(`${link}: symbolic links are not allowed in a signed model`);
  const signed = new Map(statement.predicate.resources.map((r) => [r.name, r.digest]));
  for (const [name, digest] of signed) {
    const actual = digests.get(name);
    if (actual === undefined) problems.push(`${name}: file is missing`);
    else if (actual !== digest) problems.push(`${name}: content differs from the signed digest`);
  }
  for (const name of digests.keys())
    if (!signed.has(name)) problems.push(`${name}: file is not covered by the signature`);
  const expected = subjectDigest(statement.predicate.resources);
  if (statement.subject[0]?.digest?.sha256 !== expected)
    problems.push('statement subject digest does not match its file list');
  return problems;
}

/** Verifies a key-signed model directory (OpenSSF model-signing v1.0, public-key flow). */
export async function verifyModelDirectory(
  root: string,
  bundleText: string,
  publicKeyPem: string,
  signatureName = DEFAULT_SIGNATURE_NAME,
): Promise<ModelVerification> {
  const parsed = parseBundle(bundleText);
  if (!parsed.ok) return parsed;
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return { ok: false, problems: ['public key is not a PEM public key'] };
  }
  if (!verifyEnvelope(parsed.bundle.dsseEnvelope, key))
    return { ok: false, problems: ['signature does not verify with the given public key'] };
  const decoded = statementOf(parsed.bundle.dsseEnvelope);
  if (!decoded.ok) return decoded;
  const problems = await compareWithDirectory(root, decoded.statement, signatureName);
  return problems.length > 0
    ? { ok: false, problems }
    : {
        ok: true,
        files: decoded.statement.predicate.resources.length,
        statement: decoded.statement,
      };
}

/**
 * Verifies a model directory whose signature is any Sigstore bundle: keyless
 * (certificate + transparency log, checked offline against the trusted
 * root and the expected identity/issuer) or key-signed (`publicKeyPem`),
 * through `@sigstore/verify`; then compares the signed file list.
 */
export async function verifyModelSignature(
  root: string,
  bundleText: string,
  options: SigstoreVerifyOptions,
  signatureName = DEFAULT_SIGNATURE_NAME,
): Promise<ModelVerification & { identity?: string | undefined }> {
  const parsed = parseBundle(bundleText);
  if (!parsed.ok) return parsed;
  const checked = await verifySigstoreBundle(JSON.parse(bundleText), options);
  if (!checked.ok) return checked;
  const decoded = statementOf(parsed.bundle.dsseEnvelope);
  if (!decoded.ok) return decoded;
  const problems = await compareWithDirectory(root, decoded.statement, signatureName);
  return problems.length > 0
    ? { ok: false, problems }
    : {
        ok: true,
        files: decoded.statement.predicate.resources.length,
        statement: decoded.statement,
        identity: checked.identity,
      };
}
