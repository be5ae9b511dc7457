import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Lines one commit added to one file, with their line numbers in that commit. */
export interface AddedChunk {
  commit: string;
  authorDate: string;
  path: string;
  lines: { line: number; text: string }[];
}

export type HistoryResult = { ok: true; commits: number } | { ok: false; message: string };

const HEADER = '\u0001';

/**
 * Streams `git log -p -U0` over all refs and calls `onChunk` for each
 * (commit, file) with the lines it added. Binary diffs carry no `+` lines and
 * are skipped by git itself. Memory stays bounded by one chunk.
 */
export async function readAddedLines(
  root: string,
  onChunk: (chunk: AddedChunk) => void,
  maxLineLength = 4096,
): Promise<HistoryResult> {
  const child = spawn(
    'git',
    [
      '-c',
      'core.quotepath=off',
      'log',
      '--all',
      '-p',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '--no-renames',
      `--format=format:${HEADER}%H %aI`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => {
    if (stderr.length < 2000) stderr += data.toString();
  });
  const exit = new Promise<number>((resolve) => {
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(127));
  });
  let commit = '';
  let authorDate = '';
  let chunk: AddedChunk | undefined;
  let nextLine = 0;
  let commits = 0;
  const flush = (): void => {
    if (chunk && chunk.lines.length > 0) onChunk(chunk);
    chunk = undefined;
  };
  const reader = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of reader) {
    if (line.startsWith(HEADER)) {
      flush();
      const [hash = '', date = ''] = line.slice(1).split(' ');
      commit = hash;
      authorDate = date;
      commits++;
    } else if (line.startsWith('+++ ')) {
      flush();
      const target = line.slice(4);
      if (target !== '/dev/null')
        chunk = { commit, authorDate, path: target.replace(/^b\//, ''), lines: [] };
    } else if (line.startsWith('@@')) {
      const match = /\+(\d+)/.exec(line);
      nextLine = match ? Number(match[1]) : 0;
    } else if (line.startsWith('+') && chunk) {
      chunk.lines.push({
        line: nextLine,
        text: line.length > maxLineLength ? line.slice(1, maxLineLength) : line.slice(1),
      });
      nextLine++;
    } else if (line.startsWith('diff --git')) {
      flush();
    }
  }
  flush();
  const code = await exit;
  if (code !== 0)
    return { ok: false, message: stderr.trim().split('\n')[0] ?? `git exited with ${code}` };
  return { ok: true, commits };
}
