import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { REPO_ROOT } from '../src/env';
import { createTestDatabase } from './support/database';
import { freePort, sleep } from './support/spawned-server';

/** Every process below `pid` (Linux /proc), so the test sees the server `npm start` runs. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const child of children.get(p) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const healthy = (url: string) =>
  fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
    (r) => r.ok,
    () => false,
  );

describe('npm start', () => {
  // Each script runs under `sh -c`; dash does not pass a signal on to its child by itself.
  it.each(['start', 'start:api'])(
    'npm run %s passes SIGTERM sent to its own pid on to the server; all exit within 15 s',
    async (script) => {
      const database = await createTestDatabase();
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chapar-start-'));
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const npm = spawn('npm', ['run', script], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          // A split role shares its events over Redis (the test Redis; nothing is flushed).
          ...(script === 'start' ? {} : { REDIS_URL: 'redis://127.0.0.1:6379' }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000);
      };
      npm.stdout.on('data', keep);
      npm.stderr.on('data', keep);
      const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
      let tree: number[] = [];
      onTestFinished(async () => {
        // Whatever survived a failed run must not outlive the test.
        for (const pid of tree) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      });

      const deadline = Date.now() + 60_000;
      while (!(await healthy(url))) {
        if (Date.now() > deadline) throw new Error(`npm run ${script} did not answer /healthz within 60 s`);
        await sleep(100);
      }
      tree = descendants(npm.pid!);
      expect(tree.length).toBeGreaterThan(0);

      const signalled = Date.now();
      process.kill(npm.pid!, 'SIGTERM');
      const code = await Promise.race([exited, sleep(15_000).then(() => 'still running' as const)]);
      // 0 after a clean stop; 1 only when the stop ran out of its 15 s (a loaded machine).
      expect(code, output).not.toBe('still running');
      expect(output).not.toContain('shutdown failed');
      // Every process it started has ended with it, and nothing answers on the port any more.
      while (tree.some(isAlive) && Date.now() - signalled < 15_000) await sleep(100);
      expect(tree.filter(isAlive)).toEqual([]);
      expect(await healthy(url)).toBe(false);
    },
    90_000,
  );
});
