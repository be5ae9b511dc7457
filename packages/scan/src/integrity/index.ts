export {
  signModelDirectory,
  verifyModelDirectory,
  verifyModelSignature,
  buildModelStatement,
  compareWithDirectory,
  parseBundle,
  statementOf,
  subjectDigest,
  DEFAULT_SIGNATURE_NAME,
  MODEL_SIGNING_PREDICATE,
  IN_TOTO_PAYLOAD_TYPE,
} from './model-signing.js';
export type {
  ModelSignatureBundle,
  ModelStatement,
  ModelResource,
  ModelVerification,
} from './model-signing.js';
export { preAuthEncoding, signEnvelope, verifyEnvelope } from './dsse.js';
export type { DsseEnvelope } from './dsse.js';
export { digestTree } from './file-digests.js';
export { verifySigstoreBundle } from './sigstore-verify.js';
export type { SigstoreVerifyOptions, SigstoreVerification } from './sigstore-verify.js';
