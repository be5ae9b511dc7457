// Two structural checks, failing the lint step when broken:
// 1. no circular imports inside any package (dpdm over every src/ entry);
// 2. packages import only the packages they are allowed to (the layering in
//    docs/architecture.md): nothing imports upward, core imports nothing of ours.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Which @bulwark packages each package may import. */
const allowed = {
  core: [],
  detect: ['core'],
  policy: ['core', 'detect'],
  gateway: ['core', 'detect', 'policy'],
  scan: ['core', 'detect'],
  redteam: ['core', 'detect'],
  threatmodel: ['core'],
  'sim-target': ['core'],
  findings: ['core'],
  server: ['core', 'detect', 'policy', 'gateway', 'findings'],
  console: [],
  cli: [
    'core',
    'detect',
    'policy',
    'gateway',
    'scan',
    'redteam',
    'threatmodel',
    'sim-target',
    'findings',
    'server',
  ],
};

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

let failed = false;
const packagesDir = join(root, 'packages');
const files = [];
for (const pkg of readdirSync(packagesDir)) {
  const src = join(packagesDir, pkg, 'src');
  if (!existsSync(src)) continue;
  if (!(pkg in allowed)) {
    console.error(`layering: package "${pkg}" is not listed in scripts/check-circular.mjs`);
    failed = true;
    continue;
  }
  for (const file of walk(src)) {
    files.push(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/from\s+'@bulwark\/([a-z-]+)'/g)) {
      const target = match[1];
      if (target !== pkg && !allowed[pkg].includes(target)) {
        console.error(
          `layering: ${relative(root, file)} imports @bulwark/${target}, which ${pkg} may not import`,
        );
        failed = true;
      }
    }
  }
}

const dpdm = join(root, 'node_modules', 'dpdm', 'lib', 'bin', 'dpdm.js');
try {
  execFileSync(
    process.execPath,
    [
      dpdm,
      '--no-warning',
      '--no-tree',
      '--transform',
      '--exit-code',
      'circular:1',
      ...files.map((f) => relative(root, f)),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
} catch (error) {
  console.error(`circular imports found:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  failed = true;
}
if (failed) process.exit(1);
console.log(`import structure ok (${files.length} files)`);
