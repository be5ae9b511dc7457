import { hasValidCrc32Base62 } from '../checksums.js';
import { GITLAB_RULES } from '../gitlab-rules.js';
import { DASH, prefixed } from '../prefixed-rule.js';
import type { SecretRule } from '../secret-rule.js';

const crc = { validate: hasValidCrc32Base62, validation: 'crc32_checksum' };

/**
 * Version control hosts and package registries: GitHub, GitLab, npm, PyPI,
 * RubyGems, NuGet, JFrog Artifactory and Atlassian.
 * Part of `PREFIXED_RULES`; `index.ts` fixes the order of the families.
 */
export const SOURCE_CONTROL_RULES: readonly SecretRule[] = [
  prefixed(
    'github_token',
    'GitHub personal access token (classic)',
    'critical',
    ['ghp_'],
    'ghp_[A-Za-z0-9]{36}',
    crc,
  ),
  prefixed(
    'github_oauth_token',
    'GitHub OAuth access token',
    'critical',
    ['gho_'],
    'gho_[A-Za-z0-9]{36}',
    crc,
  ),
  prefixed(
    'github_app_token',
    'GitHub App user-to-server or server-to-server token',
    'critical',
    ['ghu_', 'ghs_'],
    'gh[us]_[A-Za-z0-9]{36}',
    crc,
  ),
  prefixed(
    'github_refresh_token',
    'GitHub refresh token',
    'critical',
    ['ghr_'],
    'ghr_[A-Za-z0-9]{36}',
    crc,
  ),
  prefixed(
    'github_fine_grained_pat',
    'GitHub fine-grained personal access token',
    'critical',
    ['github_pat_'],
    'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}',
  ),
  ...GITLAB_RULES,
  prefixed('npm_token', 'npm access token', 'critical', ['npm_'], 'npm_[A-Za-z0-9]{36}', crc),
  prefixed(
    'pypi_token',
    'PyPI upload token',
    'critical',
    ['pypi-ageichlwas5vcmc'],
    'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\\-]{50,1000}',
    { tail: DASH },
  ),
  prefixed('rubygems_token', 'RubyGems API key', 'high', ['rubygems_'], 'rubygems_[a-f0-9]{48}'),
  prefixed('nuget_api_key', 'NuGet API key', 'high', ['oy2'], 'oy2[a-z2-7]{43}'),
  prefixed(
    'artifactory_api_key',
    'JFrog Artifactory API key',
    'high',
    ['akcp'],
    'AKCp[A-Za-z0-9]{69}',
  ),
  prefixed(
    'atlassian_api_token',
    'Atlassian API token',
    'high',
    ['atatt3'],
    'ATATT3[A-Za-z0-9_\\-=]{150,250}',
    { tail: `${DASH}=` },
  ),
];
