#!/usr/bin/env node
// Launcher for the bundled CLI. The bundle is produced by `npm install`
// (the root `prepare` script) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/bulwark.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write(
    'bulwark: error: the CLI is not built (run "npm install" or "npm run build" in the repository root)\n',
  );
  process.exit(3);
}
await import(bundle.href);
