/**
 * Package URLs (github.com/package-url/purl-spec) for the ecosystems the AI
 * inventory reads. Each segment is percent-encoded as the spec requires; PyPI
 * names are already normalised (lower-case, `-`) by the manifest parser.
 */
export type PurlType = 'npm' | 'pypi' | 'conda' | 'huggingface';

function segment(value: string): string {
  return encodeURIComponent(value);
}

/** `pkg:type/[namespace/]name[@version]`; an npm scope is the namespace. */
export function packageUrl(type: PurlType, fullName: string, version?: string): string {
  const slash = fullName.indexOf('/');
  const scoped = (type === 'npm' && fullName.startsWith('@')) || type === 'huggingface';
  const path =
    scoped && slash > 0
      ? `${segment(fullName.slice(0, slash))}/${segment(fullName.slice(slash + 1))}`
      : segment(fullName);
  return `pkg:${type}/${path}${version === undefined ? '' : `@${segment(version)}`}`;
}

/**
 * The exact version a manifest pins, or undefined for a range. npm: `1.2.3`
 * or `=1.2.3`; PyPI: `==1.2.3` / `===1.2.3` (not `==1.*`, PEP 440); conda:
 * a bare version the parser kept after `=`.
 */
export function pinnedVersion(
  ecosystem: 'npm' | 'pypi' | 'conda',
  spec: string | undefined,
): string | undefined {
  if (spec === undefined) return undefined;
  const value = spec.replace(/\s+/g, '');
  if (ecosystem === 'npm') return /^=?v?(\d+\.\d+\.\d+(?:[-+][\w.+-]*)?)$/.exec(value)?.[1];
  if (ecosystem === 'pypi') return /^===?([A-Za-z0-9][\w.+!-]*)$/.exec(value)?.[1];
  return /^(\d[\w.+!-]*)$/.exec(value)?.[1];
}
