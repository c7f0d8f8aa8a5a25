import { readFile, readlink, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commandLineHas, isAlive, killTree } from './chromium';
import type { DriverLog } from './driver-options';
import { wwebjsAuthDir, wwebjsOwnerPath } from './files';
import { sleep } from './timeouts';

/**
 * Before launching: a profile lock left by a crashed Chapar (its Chromium orphaned and
 * still running) would block the account forever, so it is cleared. A lock written on
 * another host is a live browser of another worker when DATA_DIR is a shared volume: it
 * is cleared only once `hostIsLive` says no worker runs on that host any more (a
 * recreated container), never on a guess. A lock held by a live Chapar process is left
 * for Chromium to refuse ("in use"), another host's is refused without launching ('foreign').
 */
export async function reclaimProfile(
  dataDir: string,
  accountId: number,
  log: DriverLog,
  hostIsLive?: (host: string) => Promise<boolean>,
): Promise<'free' | 'held' | 'foreign'> {
  const dir = wwebjsAuthDir(dataDir, accountId);
  let target: string;
  try {
    target = await readlink(path.join(dir, 'SingletonLock'));
  } catch {
    return 'free';
  }
  const dash = target.lastIndexOf('-');
  const host = target.slice(0, dash);
  const pid = Number(target.slice(dash + 1));
  if (host && host !== os.hostname()) {
    if (!hostIsLive || (await hostIsLive(host))) {
      log.warn({ accountId, host }, 'the Chromium profile is locked by another host, which runs a worker');
      return 'foreign';
    }
    log.warn({ accountId, host }, 'removing a Chromium profile lock left by a host that runs no worker');
    await removeLocks(dir);
    return 'free';
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return 'free'; // stale: Chromium takes it over
  const owner = await readFile(wwebjsOwnerPath(dataDir, accountId), 'utf8')
    .then((text) => JSON.parse(text) as { pid?: number; host?: string })
    .catch(() => undefined);
  if (!owner?.pid || owner.host !== os.hostname() || owner.pid === process.pid || isAlive(owner.pid))
    return 'held';
  if (!(await commandLineHas(pid, `--user-data-dir=${dir}`))) return 'held';
  log.warn(
    { accountId, pid, ownerPid: owner.pid },
    'killing a Chromium orphaned by a Chapar process that stopped without closing it',
  );
  killTree(pid);
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  return isAlive(pid) ? 'held' : 'free';
}

/**
 * Records who runs this profile's Chromium, so that after a crash the next process can tell
 * an orphan from a live owner. Only for a free profile: not when another process holds it.
 */
export async function recordOwner(dataDir: string, accountId: number, log: DriverLog): Promise<void> {
  await writeFile(
    wwebjsOwnerPath(dataDir, accountId),
    JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }),
  ).catch((error: Error) => log.warn({ err: error, accountId }, 'no owner file'));
}

async function removeLocks(dir: string) {
  await Promise.all(
    ['SingletonLock', 'SingletonCookie', 'SingletonSocket'].map((name) =>
      rm(path.join(dir, name), { force: true }),
    ),
  );
}
