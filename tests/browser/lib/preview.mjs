// `zorgroute serve` for the suite files that test the preview (live.test.mjs,
// editor.test.mjs): starts the binary on a project folder and stops it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { REPO } from './common.mjs';

export const ZORGROUTE = path.resolve(
  process.env.ZORGROUTE || path.join(process.env.CARGO_TARGET_DIR || path.join(REPO, 'target'), 'release', 'zorgroute'),
);

// Generous: the suite runs two files at a time, on 2-core CI machines.
const STARTUP_MS = 60_000;

/** Runs `zorgroute serve` on `root`; resolves once it printed its URL. */
export function startServer(root, extra = []) {
  const child = spawn(ZORGROUTE, ['serve', '--port', '0', ...extra, '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  const server = { child, url: null, lines: [], stderr: '' };
  server.log = () => {
    const err = server.stderr.length > 4000 ? `…${server.stderr.slice(-4000)}` : server.stderr;
    return `--- zorgroute serve stdout:\n${server.lines.join('\n')}\n--- stderr (end):\n${err}`;
  };
  return new Promise((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => {
      reject(new Error(`${ZORGROUTE} serve printed no URL within ${STARTUP_MS} ms\n${server.log()}`));
    }, STARTUP_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      let i;
      while ((i = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, i);
        pending = pending.slice(i + 1);
        server.lines.push(line);
        const m = !server.url && line.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (m) {
          server.url = m[0];
          clearTimeout(timer);
          resolve(server);
        }
      }
    });
    // Always drained: a full stderr pipe would block the server.
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      server.stderr = (server.stderr + chunk).slice(-100_000);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${ZORGROUTE}: ${e.message} (build it with cargo build --release, or set ZORGROUTE)`));
    });
    child.on('exit', (code, signal) => {
      server.exited = { code, signal };
      if (!server.url) {
        clearTimeout(timer);
        reject(new Error(`${ZORGROUTE} serve exited (${signal || code}) before printing its URL\n${server.log()}`));
      }
    });
  });
}

export async function stopServer(server) {
  if (!server || server.exited) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
  if (!done) {
    server.child.kill('SIGKILL');
    await exited;
  }
}

