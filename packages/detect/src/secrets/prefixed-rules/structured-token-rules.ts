import { hasValidBech32, isJwtStructure } from '../checksums.js';
import { DASH, prefixed } from '../prefixed-rule.js';
import type { SecretRule } from '../secret-rule.js';

/**
 * Keys and tokens with built-in structure (age secret keys, JSON Web
 * Tokens), confirmed by their own validators.
 * Part of `PREFIXED_RULES`; `index.ts` fixes the order of the families.
 */
export const STRUCTURED_TOKEN_RULES: readonly SecretRule[] = [
  prefixed(
    'age_secret_key',
    'age secret key',
    'critical',
    ['age-secret-key-1'],
    'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
    { validate: hasValidBech32, validation: 'bech32_checksum' },
  ),
  prefixed(
    'jwt',
    'JSON Web Token',
    'high',
    ['eyj'],
    'eyJ[A-Za-z0-9_\\-]{8,4000}\\.eyJ[A-Za-z0-9_\\-]{4,8000}\\.[A-Za-z0-9_\\-]{0,2000}',
    { tail: `${DASH}.`, head: `${DASH}.`, validate: isJwtStructure, validation: 'jwt_structure' },
  ),
];
