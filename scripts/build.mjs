// Builds every workspace package with esbuild (no rollup): each package's
// src/index.ts becomes dist/index.js, and the CLI entry becomes one bundle,
// packages/cli/dist/bulwark.js. Third-party dependencies stay external and
// are loaded from node_modules. With --types, tsc also emits declarations.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const packages = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'package.json')),
);

const external = new Set();
for (const name of packages) {
  const manifest = JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    for (const dep of Object.keys(manifest[field] ?? {})) {
      if (!dep.startsWith('@bulwark/')) external.add(dep);
    }
  }
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['source'],
  external: [...external],
  sourcemap: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __bulwarkCreateRequire } from 'node:module'; const require = __bulwarkCreateRequire(import.meta.url);",
  },
};

const builds = [];
for (const name of packages) {
  const entry = join(packagesDir, name, 'src', 'index.ts');
  if (existsSync(entry) && name !== 'cli') {
    builds.push(
      build({
        ...common,
        entryPoints: [entry],
        outfile: join(packagesDir, name, 'dist', 'index.js'),
      }),
    );
  }
}
builds.push(
  build({
    ...common,
    entryPoints: [join(packagesDir, 'cli', 'src', 'main.ts')],
    outfile: join(packagesDir, 'cli', 'dist', 'bulwark.js'),
  }),
);
await Promise.all(builds);

if (process.argv.includes('--types')) {
  const tsc = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(root, 'tsconfig.build.json'),
    ],
    {
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
