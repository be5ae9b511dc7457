import type { Location } from '../finding.js';

/** Forward slashes and no leading `./`: the one spelling of a path in reports. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/**
 * Removes `user:password@` from a URL so that credentials an endpoint was
 * configured with never reach a report.
 */
export function redactUrlCredentials(url: string): string {
  return url.replace(/([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/?#@\s]*@/g, '$1');
}

/** A `ScanReport.targets` entry in the spelling `targetOf` produces. */
export function normalizeTarget(target: string): string {
  return redactUrlCredentials(normalizePath(target));
}

/**
 * The thing a finding is about, without the position inside it: a file path,
 * an artifact path, or `METHOD url` for an endpoint. JUnit groups test cases
 * by it; it matches the entries of `ScanReport.targets`.
 */
export function targetOf(location: Location): string {
  switch (location.kind) {
    case 'file':
    case 'artifact':
      return normalizePath(location.path);
    case 'endpoint': {
      const url = redactUrlCredentials(location.url);
      return location.method ? `${location.method.toUpperCase()} ${url}` : url;
    }
  }
}

/** `path:line[:column]`, `path!/member`, or the endpoint, for human formats. */
export function describeLocation(location: Location): string {
  switch (location.kind) {
    case 'file': {
      const region = location.region;
      if (!region) return normalizePath(location.path);
      const column = region.startColumn === undefined ? '' : `:${region.startColumn}`;
      return `${normalizePath(location.path)}:${region.startLine}${column}`;
    }
    case 'artifact':
      return location.member
        ? `${normalizePath(location.path)}!/${location.member}`
        : normalizePath(location.path);
    case 'endpoint':
      return targetOf(location);
  }
}
