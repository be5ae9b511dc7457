// Child process for the gateway-streams benchmark: a mock OpenAI-compatible
// upstream on 127.0.0.1 whose behaviour is picked by the request's model:
//   paced — 20 content events 20–50 ms apart (the first after 25 ms), then
//           finish reason, usage and [DONE];
//   slow  — one content event at once, then one a second until the runner
//           sends `finish-slow` (long-lived streams for the memory test);
//   other — the gateway bench's answer: JSON, or 20 events in one burst.
// It counts streams the peer closed before the end (a cancelled upstream
// call), answered over IPC (`stats`); `exit` stops it.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PACED_EVENTS,
  answerWord,
  completionJson,
  contentFrame,
  streamTail,
} from './bench-shared.js';

const FIRST_DELAY_MS = 25;

/** Delay before event `i` of stream `n`: 25 ms first, then 20–50 ms, varied per stream. */
function pacedDelay(n: number, i: number): number {
  return i === 0 ? FIRST_DELAY_MS : 20 + ((i * 37 + n * 11) % 31);
}

const stats = { started: 0, completed: 0, cancelled: 0 };
const slowStreams = new Set<ServerResponse>();
const json = completionJson();
const burst = Array.from({ length: PACED_EVENTS }, (_, i) => contentFrame(answerWord(i))).join('');
const tail = streamTail();

function startStream(res: ServerResponse): void {
  stats.started++;
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.on('close', () => {
    if (res.writableFinished) stats.completed++;
    else stats.cancelled++;
  });
}

function paced(res: ServerResponse, n: number): void {
  startStream(res);
  let i = 0;
  let timer: NodeJS.Timeout | undefined;
  const next = (): void => {
    if (res.destroyed) return;
    if (i === PACED_EVENTS) {
      res.end(tail);
      return;
    }
    res.write(contentFrame(answerWord(i)));
    i++;
    timer = setTimeout(next, pacedDelay(n, i));
  };
  timer = setTimeout(next, pacedDelay(n, 0));
  res.on('close', () => clearTimeout(timer));
}

function slow(res: ServerResponse): void {
  startStream(res);
  slowStreams.add(res);
  let i = 0;
  res.write(contentFrame(answerWord(i++)));
  const timer = setInterval(() => res.write(contentFrame(answerWord(i++))), 1000);
  res.on('close', () => {
    clearInterval(timer);
    slowStreams.delete(res);
  });
}

let requests = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const n = requests++;
    if (text.includes('"model":"paced"')) return paced(res, n);
    if (text.includes('"model":"slow"')) return slow(res);
    if (!text.includes('"stream":true')) {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(json),
      });
      res.end(json);
      return;
    }
    startStream(res);
    res.write(burst);
    res.end(tail);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', (message: unknown) => {
  if (message === 'stats') process.send?.({ stats: { ...stats, open: slowStreams.size } });
  if (message === 'finish-slow') {
    for (const res of slowStreams) res.end(tail);
    process.send?.({ finished: true });
  }
  if (message === 'exit') process.exit(0);
});
