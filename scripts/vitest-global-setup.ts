// Builds the CLI bundle once before the tests, so binary-level tests run the
// same artefact a user runs.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, [new URL('./build.mjs', import.meta.url).pathname], {
    stdio: 'inherit',
  });
}
