// Helpers shared by the gateway benchmark suites (gateway.bench.ts,
// gateway-streams.bench.ts): the request body, OpenAI wire frames for mock
// upstreams, and the child processes that run the bare proxy and the full
// Bulwark path (proxy-server.ts) so each one's CPU time and memory can be
// read from its own process.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundleForBench } from '../../../scripts/bench-kit.js';

export const PROMPT = 'Summarise the quarterly report for the board in plain language. '.repeat(16); // ~1 KB
export const ANSWER =
  'The quarter went well: revenue grew, costs were flat and the outlook is stable.';
/** Content events in a paced upstream stream (paced-upstream.ts). */
export const PACED_EVENTS = 20;
export const USAGE = { prompt_tokens: 250, completion_tokens: 20, total_tokens: 270 };

/** A chat completions request body with a ~1 KB user prompt (`PROMPT` unless given). */
export function body(stream: boolean, model = 'bench', prompt = PROMPT): string {
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: prompt },
    ],
    ...(stream ? { stream: true } : {}),
  });
}

/** Sentences the varied prompts are drawn from: ordinary requests of a business assistant. */
const SENTENCES = [
  'Summarise the quarterly report for the board in plain language.',
  'List the three largest cost increases and explain each one briefly.',
  'Our customer churn rose to 4.2% in March; what could explain it?',
  'Draft a polite reply to the supplier asking for the revised invoice.',
  'Compare the two hosting offers and recommend one for a team of twelve.',
  'Translate the onboarding checklist into clear, short steps.',
  'Which risks in the project plan need an owner before the launch?',
  'Write a short agenda for Thursday: budget, hiring, the office move.',
  'The sales team closed 38 deals worth 1.4 million dollars last quarter.',
  'Explain the difference between gross margin and operating margin.',
  'Rewrite this paragraph so a new employee can follow it easily.',
  'Suggest five questions for the interview with the data engineer.',
  'Group these support tickets by topic and count each group.',
  'What should the release notes say about the faster export feature?',
  'Give me a checklist for closing the books at the end of the month.',
  'Turn the meeting notes into a list of decisions and action items.',
];

/**
 * `count` different ~1 KB prompts, each a deterministic pseudo-random draw
 * of SENTENCES: content the detectors have not seen over and over, as real
 * traffic is (a prompt repeated thousands of times lets the CPU's branch
 * predictor learn it, which flatters any scanner).
 */
export function variedPrompts(count: number): string[] {
  let seed = 0x2545f491;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed;
  };
  return Array.from({ length: count }, () => {
    let prompt = '';
    while (prompt.length < 1000) prompt += `${SENTENCES[next() % SENTENCES.length] ?? ''} `;
    return prompt.trimEnd();
  });
}

/** The non-streaming answer of the mock upstreams. */
export function completionJson(): string {
  return JSON.stringify({
    id: 'c1',
    object: 'chat.completion',
    created: 1,
    model: 'bench',
    choices: [{ index: 0, message: { role: 'assistant', content: ANSWER }, finish_reason: 'stop' }],
    usage: USAGE,
  });
}

/** One SSE frame carrying `content` as a chat.completion.chunk delta. */
export function contentFrame(content: string): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
}

/** The frames after the content: finish reason, usage, `[DONE]`. */
export function streamTail(): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [], usage: USAGE })}\n\ndata: [DONE]\n\n`;
}

/** The i-th content word of a streamed answer (words of ANSWER, cycled). */
export function answerWord(i: number): string {
  const words = ANSWER.split(' ');
  return `${words[i % words.length]} `;
}

export interface Proxy {
  child: ChildProcess;
  url: string;
  /** Process CPU time (user + system) in µs. */
  cpu(): Promise<number>;
  /** Resident set size in bytes. */
  rss(): Promise<number>;
  stop(): void;
}

/** What the proxy child needs besides the mode and upstream. */
export interface ProxyOptions {
  key: { id: string; hash: string };
  /** Upstream connections of the proxy's undici Pool (default 128). */
  connections?: number;
  /** Export OpenTelemetry traces to this OTLP/HTTP endpoint (Bulwark side only). */
  otlpEndpoint?: string;
  /**
   * `tsx` (default) runs the TypeScript sources through the tsx loader;
   * `bundle` runs one esbuild bundle with plain node, as a deployed gateway
   * runs: no loader thread, so its memory is the gateway's own.
   */
  runtime?: 'tsx' | 'bundle';
  /** Run the child on this CPU only (`taskset -c`; see `cpuPinning`). Bundle runtime only. */
  cpu?: string;
}

/** Which CPU the load side and which the proxy under test run on. */
export interface CpuPinning {
  runner: string;
  proxy: string;
}

/**
 * On Linux with `taskset` and at least two CPUs: the runner (load generator
 * and mock upstream) on the first CPU and the proxy under test on the last,
 * so the proxy never waits for the load generator's core and both proxies
 * of a comparison get the same treatment. Undefined where pinning is not
 * available (the suites then run unpinned and say so).
 */
export function cpuPinning(): CpuPinning | undefined {
  const cpus = availableParallelism();
  if (process.platform !== 'linux' || cpus < 2) return undefined;
  if (spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }).status !== 0)
    return undefined;
  return { runner: '0', proxy: String(cpus - 1) };
}

/** Sets the CPU affinity of every thread of `pid` (`taskset -a -p -c`); false when it failed. */
export function pinProcess(pid: number, cpus: string): boolean {
  return (
    spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' }).status === 0
  );
}

let bundled: Promise<string> | undefined;

/** Bundles proxy-server.ts (workspace packages from source, third-party ones external) once. */
function bundleProxyServer(): Promise<string> {
  bundled ??= bundleForBench(
    fileURLToPath(new URL('./proxy-server.ts', import.meta.url)),
    fileURLToPath(new URL('./dist/proxy-server.mjs', import.meta.url)),
  );
  return bundled;
}

/** Which proxy a child runs (see proxy-server.ts). */
export type ProxyMode = 'bare' | 'bulwark' | 'bulwark-no-guard' | 'bulwark-no-audit';

/** Forks proxy-server.ts in `mode` in front of `upstream` and waits for its port. */
export async function startProxy(
  mode: ProxyMode,
  upstream: string,
  options: ProxyOptions,
): Promise<Proxy> {
  const args = [
    mode,
    upstream,
    options.key.id,
    options.key.hash,
    String(options.connections ?? 128),
    ...(options.otlpEndpoint ? [options.otlpEndpoint] : []),
  ];
  const child =
    options.runtime === 'bundle' && options.cpu !== undefined
      ? spawn(
          'taskset',
          ['-c', options.cpu, process.execPath, await bundleProxyServer(), ...args],
          {
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          },
        )
      : options.runtime === 'bundle'
        ? fork(await bundleProxyServer(), args, {
            execArgv: [],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          })
        : fork(fileURLToPath(new URL('./proxy-server.ts', import.meta.url)), args, {
            execArgv: ['--import', 'tsx', '--conditions=source'],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
  const ask = <T>(question: string, field: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (m: unknown) => {
        if (typeof m !== 'object' || m === null || !(field in m)) return;
        child.off('message', onMessage);
        resolve((m as Record<string, T>)[field] as T);
      };
      child.on('message', onMessage);
      child.send(question);
    });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve((m as { port: number }).port)),
  );
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    cpu: async () => {
      const { user, system } = await ask<{ user: number; system: number }>('cpu', 'cpu');
      return user + system;
    },
    rss: () => ask<number>('rss', 'rss'),
    stop: () => {
      if (child.connected) child.send('exit');
    },
  };
}

export const median = (values: number[]): number => quantile(values, 0.5);

/** The q-quantile (nearest rank below) of `values`; 0 for none. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}
