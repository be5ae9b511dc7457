/**
 * The process surface the CLI touches, passed in so commands can be run in
 * process by tests and never read `process` globals themselves.
 */
export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Mutable per-invocation state: commands report their exit code here. */
export interface CliContext {
  io: CliIo;
  exitCode: number;
  /** Writes a progress line to stderr, only when stderr is a terminal. */
  progress(message: string): void;
}

export function createContext(io: CliIo): CliContext {
  return {
    io,
    exitCode: 0,
    progress(message) {
      if (io.stderr.isTTY) io.stderr.write(`${message}\n`);
    },
  };
}
