import { execFile } from 'node:child_process';
import { constants as fsConstants, readFileSync } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import type { ClientLike } from './client-like';

/** True unless `file` is an executable regular file. */
export function browserMissing(file: string): Promise<boolean> {
  return access(file, fsConstants.X_OK)
    .then(() => stat(file))
    .then(
      (found) => !found.isFile(),
      () => true,
    );
}

/** Whether the client's Chromium is still connected (undefined when it cannot tell). */
export function browserConnected(client: ClientLike): boolean | undefined {
  return safe(() => client.pupBrowser?.isConnected?.());
}

/** The pid of the client's Chromium, when it has one. */
export function browserPid(client: ClientLike): number | undefined {
  return safe(() => client.pupBrowser?.process?.()?.pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie is dead for our purposes (nobody has reaped it yet).
  const stat = safe(() => readFileSync(`/proc/${pid}/stat`, 'utf8')) ?? '';
  return !/\)\s+Z\s/.test(stat);
}

/** Kills Chromium with its renderers (puppeteer starts it as a process-group leader). */
export function killTree(pid: number) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function commandLineHas(pid: number, arg: string): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.split('\0').includes(arg);
  } catch {
    // No procfs: ask ps.
    return new Promise((resolve) => {
      execFile('ps', ['-o', 'args=', '-p', String(pid)], (error, stdout) => {
        resolve(!error && stdout.includes(arg));
      });
    });
  }
}

function safe<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
