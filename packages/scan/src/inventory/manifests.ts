import { lookupNpm, lookupPypi, normalisePypi, type AiPackageCategory } from './ai-packages.js';

/** An AI-related dependency declared in a manifest or lockfile. */
export interface AiDependency {
  name: string;
  version?: string;
  ecosystem: 'npm' | 'pypi' | 'conda';
  category: AiPackageCategory;
  service?: string;
  manifest: string;
}

export const MANIFEST_NAME =
  /(^|\/)(package\.json|package-lock\.json|requirements[\w.-]*\.txt|requirements\/[\w.-]+\.txt|pyproject\.toml|Pipfile|environment\.ya?ml|setup\.cfg)$/;

function add(
  out: AiDependency[],
  ecosystem: AiDependency['ecosystem'],
  name: string,
  version: string | undefined,
  manifest: string,
): void {
  const info = ecosystem === 'npm' ? lookupNpm(name) : lookupPypi(name);
  if (!info) return;
  const dep: AiDependency = {
    name: ecosystem === 'npm' ? name : normalisePypi(name),
    ecosystem,
    category: info.category,
    manifest,
  };
  if (version !== undefined && version !== '') dep.version = version;
  if (info.service !== undefined) dep.service = info.service;
  out.push(dep);
}

/** A PEP 508 requirement string -> name and version spec. */
function requirement(spec: string): [string, string] | undefined {
  const match = /^\s*([A-Za-z0-9][\w.-]*)\s*(\[[^\]]*\])?\s*([^;#]*)/.exec(spec);
  if (!match) return undefined;
  return [match[1] ?? '', (match[3] ?? '').trim()];
}

/** Extracts AI dependencies from one manifest; malformed manifests yield what could be read. */
export function parseManifest(path: string, text: string): AiDependency[] {
  const out: AiDependency[] = [];
  const base = path.split('/').pop() ?? path;
  if (base === 'package.json') {
    try {
      const data = JSON.parse(text) as Record<string, unknown>;
      for (const field of [
        'dependencies',
        'devDependencies',
        'optionalDependencies',
        'peerDependencies',
      ]) {
        const deps = data[field];
        if (typeof deps === 'object' && deps !== null) {
          for (const [name, version] of Object.entries(deps))
            add(out, 'npm', name, typeof version === 'string' ? version : undefined, path);
        }
      }
    } catch {
      /* malformed package.json: nothing to inventory */
    }
  } else if (base === 'package-lock.json') {
    try {
      const data = JSON.parse(text) as { packages?: Record<string, { version?: string }> };
      for (const [key, value] of Object.entries(data.packages ?? {})) {
        const index = key.lastIndexOf('node_modules/');
        if (index < 0 || key.slice(0, index).includes('node_modules/')) continue;
        add(out, 'npm', key.slice(index + 13), value.version, path);
      }
    } catch {
      /* malformed lockfile */
    }
  } else if (base.startsWith('requirements') || path.includes('requirements/')) {
    for (const line of text.split('\n')) {
      const trimmed = line.replace(/#.*$/, '').trim();
      if (trimmed === '' || trimmed.startsWith('-')) continue;
      const req = requirement(trimmed);
      if (req) add(out, 'pypi', req[0], req[1], path);
    }
  } else if (base === 'pyproject.toml' || base === 'Pipfile' || base === 'setup.cfg') {
    let section = '';
    let inArray = false;
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*$/, '').trim();
      const header = /^\[([^\]]+)\]$/.exec(line);
      if (header) {
        section = header[1] ?? '';
        inArray = false;
        continue;
      }
      if (
        /^(dependencies|requires|install_requires|[\w-]+)\s*=\s*\[/.test(line) &&
        (section === 'project' ||
          section.startsWith('project.optional') ||
          section === 'build-system' ||
          section.startsWith('dependency-groups'))
      )
        inArray = true;
      if (inArray || section === 'options' || section.startsWith('options.extras')) {
        for (const m of line.matchAll(/["']([^"']+)["']/g)) {
          const req = requirement(m[1] ?? '');
          if (req) add(out, 'pypi', req[0], req[1], path);
        }
        if (section === 'options') {
          const req = requirement(line);
          if (req && !line.includes('=')) add(out, 'pypi', req[0], req[1], path);
        }
        if (line.includes(']')) inArray = false;
        continue;
      }
      if (/dependencies$|^packages$|^dev-packages$/.test(section)) {
        const kv = /^([A-Za-z0-9][\w.-]*)\s*=\s*(.*)$/.exec(line);
        if (kv && kv[1] !== 'python')
          add(out, 'pypi', kv[1] ?? '', (kv[2] ?? '').replace(/["'{}]/g, '').trim(), path);
      }
    }
  } else if (/^environment\.ya?ml$/.test(base)) {
    for (const raw of text.split('\n')) {
      const m = /^\s*-\s+([A-Za-z0-9][\w.-]*)\s*(?:([=<>!~]=?)\s*([\w.*]+))?/.exec(raw);
      if (m && m[1] !== 'pip') {
        const info = lookupPypi(m[1] ?? '');
        const ecosystem = raw.startsWith('      ') ? 'pypi' : 'conda';
        const op = m[2] ?? '';
        // Conda's `=` / `==` pin; pip entries keep their PEP 440 operator like requirements.txt.
        const version =
          m[3] === undefined
            ? undefined
            : ecosystem === 'conda' && (op === '=' || op === '==')
              ? m[3]
              : `${op}${m[3]}`;
        if (info) add(out, ecosystem, m[1] ?? '', version, path);
      }
    }
  }
  return out;
}
