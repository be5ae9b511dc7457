import { normalizePath } from './finding-target.js';

/**
 * Base id every relative artifact URI is resolved against (SARIF 2.1.0
 * §3.4.4, §3.14.14). GitHub code scanning maps it to the checkout root.
 */
export const SRCROOT = '%SRCROOT%';

/** A SARIF `artifactLocation`: relative to `%SRCROOT%`, or absolute. */
export interface SarifArtifactUri {
  uri: string;
  uriBaseId?: typeof SRCROOT;
}

const DRIVE = /^[A-Za-z]:\//;

/** Unpaired UTF-16 surrogates, which `encodeURIComponent` cannot encode. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || DRIVE.test(path);
}

/** Resolves `.` and `..` segments and repeated slashes; keeps a leading `/` or `//`. */
function removeDotSegments(path: string): string {
  const prefix = path.startsWith('//') ? '//' : path.startsWith('/') ? '/' : '';
  const out: string[] = [];
  for (const segment of path.slice(prefix.length).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') {
      out.push(segment);
      continue;
    }
    const last = out[out.length - 1];
    const atDriveRoot = prefix === '' && out.length === 1 && /^[A-Za-z]:$/.test(last ?? '');
    if (last !== undefined && last !== '..' && !atDriveRoot) out.pop();
    else if (prefix === '' && !atDriveRoot) out.push('..');
    // An absolute path cannot climb above its root: extra `..` are dropped.
  }
  return prefix + out.join('/');
}

/**
 * Percent-encodes one path segment as RFC 3986 `pchar`: unreserved characters,
 * sub-delims, `:` and `@` stay readable; everything else (spaces, `%`, `#`,
 * `?`, non-ASCII as UTF-8) is escaped. `colonSafe` is false for the first
 * segment of a relative reference, where `:` would read as a scheme.
 */
function encodeSegment(segment: string, colonSafe: boolean): string {
  const encoded = encodeURIComponent(segment.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /%(24|26|2B|2C|3B|3D|40|3A)/g,
    (match, hex: string) =>
      hex === '3A' && !colonSafe ? match : String.fromCharCode(parseInt(hex, 16)),
  );
  return encoded;
}

function encodePath(path: string, relative: boolean): string {
  return path
    .split('/')
    .map((segment, index) => encodeSegment(segment, !(relative && index === 0)))
    .join('/');
}

function toFileUri(absolutePath: string): string {
  if (absolutePath.startsWith('//')) return `file:${encodePath(absolutePath, false)}`;
  const withSlash = absolutePath.startsWith('/') ? absolutePath : `/${absolutePath}`;
  return `file://${encodePath(withSlash, false)}`;
}

function normalizeAbsolute(path: string): string {
  return removeDotSegments(path.replace(/\\/g, '/'));
}

/**
 * The `file://` URI of the scan root with a trailing slash, as
 * `originalUriBaseIds` requires (SARIF §3.14.14: a base URI ends with `/`).
 * Returns undefined when `root` is not an absolute path.
 */
export function rootFileUri(root: string): string | undefined {
  const normalized = normalizeAbsolute(root);
  if (!isAbsolute(normalized)) return undefined;
  const uri = toFileUri(normalized);
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function relativeToRoot(absolutePath: string, root: string | undefined): string | undefined {
  if (root === undefined) return undefined;
  const base = normalizeAbsolute(root).replace(/\/$/, '');
  if (!isAbsolute(base)) return undefined;
  // Drive letters and Windows paths compare case-insensitively.
  const caseless = DRIVE.test(base);
  const a = caseless ? absolutePath.toLowerCase() : absolutePath;
  const b = caseless ? base.toLowerCase() : base;
  if (a.startsWith(`${b}/`)) return absolutePath.slice(base.length + 1);
  return undefined;
}

/**
 * The artifact location of a path from a finding: relative paths (and
 * absolute ones under `root`) become a URI relative to `%SRCROOT%` with
 * forward slashes; other absolute paths become `file://` URIs. When `root` is
 * known, a relative path that climbs above it becomes an absolute URI too.
 */
export function artifactUri(path: string, root: string | undefined): SarifArtifactUri {
  const normalized = normalizePath(path);
  if (isAbsolute(normalized)) {
    const absolute = removeDotSegments(normalized);
    const relative = relativeToRoot(absolute, root);
    if (relative !== undefined) return { uri: encodePath(relative, true), uriBaseId: SRCROOT };
    return { uri: toFileUri(absolute) };
  }
  const relative = removeDotSegments(normalized);
  if ((relative === '..' || relative.startsWith('../')) && root !== undefined) {
    const absolute = removeDotSegments(`${normalizeAbsolute(root)}/${relative}`);
    if (isAbsolute(absolute)) return { uri: toFileUri(absolute) };
  }
  return { uri: encodePath(relative, true), uriBaseId: SRCROOT };
}
