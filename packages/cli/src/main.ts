import { processIo } from './cli-io.js';
import { runCli } from './run.js';

// Entry point of the bundled binary: run, flush, exit with the documented code.
const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
