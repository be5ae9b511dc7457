export { runCli } from './run.js';
export { processIo, type CliIo, type CliContext } from './cli-io.js';
export { BULWARK_VERSION } from './version.js';
