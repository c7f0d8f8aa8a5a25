import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, users, whatsappAccounts, workers } from '@chapar/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import wwebjs from 'whatsapp-web.js';
import { liveHostCheck } from '../src/repositories/cluster';
import type { DriverEvent } from '../src/whatsapp/driver';
import { MysqlLoginStore } from '../src/whatsapp/login-store/mysql-login-store';
import {
  type ClientLike,
  type WwebjsClientOptions,
  WwebjsDriver,
  type WwebjsStatusEvent,
  wwebjsAuthDir,
} from '../src/whatsapp/wwebjs-driver';
import { createTestDatabase } from './support/database';

/**
 * The whatsapp-web.js driver against the real library and the system Chromium. This
 * machine has no internet, which is exactly the failure a server meets when it is offline;
 * on a machine that is online, Chromium is told that no name resolves, so the tests never
 * reach WhatsApp and stay the same.
 */

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const { Client } = wwebjs;

let online = false;
const dirs: string[] = [];
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let handle: ReturnType<typeof createDatabase>;

beforeAll(async () => {
  online = await lookup('web.whatsapp.com').then(
    () => true,
    () => false,
  );
  database = await createTestDatabase();
  handle = createDatabase(database.url);
});

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  await handle?.close();
  await database?.drop();
});

/** A worker on `host` in the workers table, its last heartbeat `agoSeconds` ago. */
async function heartbeat(host: string, agoSeconds: number) {
  const at = new Date(Date.now() - agoSeconds * 1000);
  await handle.db.insert(workers).values({
    id: `${host}:3000`,
    role: 'worker',
    host,
    pid: 4242,
    startedAt: at,
    heartbeatAt: at,
  });
}

async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chapar-wwebjs-it-'));
  dirs.push(dir);
  return dir;
}

/** The real Client, with extra Chromium flags. */
function realClient(extraArgs: string[]) {
  return (options: WwebjsClientOptions): ClientLike =>
    new Client({
      ...options,
      puppeteer: { ...options.puppeteer, args: [...options.puppeteer.args, ...extraArgs] },
    }) as unknown as ClientLike;
}

/** No factory (the driver's own) when offline; the same DNS failure, forced, when online. */
function offlineFactory() {
  return online ? realClient(['--host-resolver-rules=MAP * ~NOTFOUND']) : undefined;
}

function record(driver: WwebjsDriver) {
  const events: Array<WwebjsStatusEvent & { ms: number }> = [];
  const start = Date.now();
  driver.onEvent((event: DriverEvent) => {
    if (event.type === 'status') events.push({ ...(event as WwebjsStatusEvent), ms: Date.now() - start });
  });
  return events;
}

/** Chromium processes whose command line mentions `needle`. */
function chromiums(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(needle) && /chrom/i.test(line));
}

/** The process groups of those Chromium processes (puppeteer and we start each as a group leader). */
function chromiumGroups(needle: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pgid,args'], { encoding: 'utf8' });
  const groups = out
    .split('\n')
    .filter((line) => line.includes(needle) && /chrom/i.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
  return [...new Set(groups)];
}

/** Polls for a few seconds; any Chromium still there at the end is returned (and should be none). */
async function leftovers(needle: string, ms = 4000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let found = chromiums(needle);
  while (found.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    found = chromiums(needle);
  }
  // Stay a moment longer: nothing may appear late either.
  await new Promise((r) => setTimeout(r, 500));
  return chromiums(needle);
}

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\)\s+Z\s/.test(execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

function killGroup(child: ChildProcess | undefined) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // gone
  }
}

/** Chromium started by hand on the account's profile, as another process (or a crash) would leave it. */
async function holdProfile(authDir: string): Promise<ChildProcess> {
  await mkdir(authDir, { recursive: true });
  const child = spawn(
    CHROME,
    ['--headless=new', '--no-sandbox', '--disable-gpu', `--user-data-dir=${authDir}`, 'about:blank'],
    { detached: true, stdio: 'ignore' },
  );
  await until(
    () =>
      readlink(path.join(authDir, 'SingletonLock')).then(
        () => true,
        () => false,
      ),
    15_000,
    'Chromium to lock the profile',
  );
  return child;
}

describe('WwebjsDriver with the real whatsapp-web.js and Chromium', () => {
  it('offline: connect() reports WhatsApp Web unreachable within seconds and leaves no Chromium', async () => {
    const dataDir = await tempDir();
    const driver = new WwebjsDriver(1, { dataDir, chromePath: CHROME, clientFactory: offlineFactory() });
    const events = record(driver);
    const started = Date.now();
    await driver.connect(); // never throws
    const elapsed = Date.now() - started;

    expect(events.map((e) => e.status)).toEqual(['CONNECTING', 'FAILED']);
    const failed = events[1]!;
    expect(failed.error).toMatch(
      /^WhatsApp Web is unreachable from this server \(net::ERR_NAME_NOT_RESOLVED\)/,
    );
    expect(failed.failure).toBe('unreachable');
    expect(failed.retryable).toBe(true);
    expect(elapsed).toBeLessThan(15_000);
    console.info(
      `[wwebjs] offline failure reported after ${failed.ms} ms (connect resolved after ${elapsed} ms)`,
    );

    expect(await leftovers(dataDir)).toEqual([]);
    // The profile stays for the next attempt (nothing was linked, but nothing is deleted either).
    await driver.disconnect();
    expect(await leftovers(dataDir, 500)).toEqual([]);
  });

  it('a missing Chromium is reported as such, with nothing left running', async () => {
    const dataDir = await tempDir();
    const driver = new WwebjsDriver(2, { dataDir, chromePath: '/nonexistent/chromium' });
    const events = record(driver);
    await driver.connect();
    expect(events.at(-1)).toMatchObject({
      status: 'FAILED',
      error:
        'Chromium was not found at /nonexistent/chromium. Install it (apt-get install chromium) or set CHROME_PATH.',
      failure: 'browser-missing',
      retryable: false,
    });
    expect(await leftovers(dataDir, 1000)).toEqual([]);
  });

  it('two drivers of one account: the second is refused while the first holds the login', async () => {
    const dataDir = await tempDir();
    // The first driver's WhatsApp Web "server" accepts connections and never answers, so it
    // stays in its start (Chromium alive, profile locked) for as long as the test needs.
    const sockets = new Set<net.Socket>();
    const blackHole = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const port = (blackHole.address() as net.AddressInfo).port;
    const first = new WwebjsDriver(3, {
      dataDir,
      chromePath: CHROME,
      clientFactory: realClient([`--host-resolver-rules=MAP * 127.0.0.1:${port}`]),
    });
    const second = new WwebjsDriver(3, { dataDir, chromePath: CHROME, clientFactory: offlineFactory() });
    const firstEvents = record(first);
    const secondEvents = record(second);
    const authDir = wwebjsAuthDir(dataDir, 3);
    try {
      const firstConnect = first.connect();
      await until(() => sockets.size > 0, 20_000, 'the first Chromium to open WhatsApp Web');
      expect(chromiums(authDir).length).toBeGreaterThan(0);

      const started = Date.now();
      await second.connect();
      console.info(`[wwebjs] "in use" reported after ${Date.now() - started} ms`);
      expect(secondEvents.at(-1)).toMatchObject({
        status: 'FAILED',
        error: "This account's WhatsApp login is in use by another Chapar process.",
        failure: 'profile-in-use',
      });
      // The refusal did not disturb the first driver.
      expect(firstEvents.map((e) => e.status)).toEqual(['CONNECTING']);
      expect(chromiums(authDir).length).toBeGreaterThan(0);

      await first.disconnect();
      await firstConnect;
      expect(firstEvents.map((e) => e.status)).toEqual(['CONNECTING', 'DISCONNECTED']);
      expect(await leftovers(dataDir)).toEqual([]);
    } finally {
      await first.disconnect();
      await second.disconnect();
      for (const socket of sockets) socket.destroy();
      blackHole.close();
    }
  });

  it('a Chromium of unknown origin on the profile is refused as "in use" and left alone', async () => {
    const dataDir = await tempDir();
    const authDir = wwebjsAuthDir(dataDir, 4);
    let holder: ChildProcess | undefined;
    try {
      holder = await holdProfile(authDir);
      const driver = new WwebjsDriver(4, { dataDir, chromePath: CHROME, clientFactory: offlineFactory() });
      const events = record(driver);
      await driver.connect();
      expect(events.at(-1)).toMatchObject({
        status: 'FAILED',
        error: "This account's WhatsApp login is in use by another Chapar process.",
      });
      expect(alive(holder.pid)).toBe(true);
      // Only the holder is left: the driver's own attempt is gone.
      await until(() => chromiumGroups(authDir).length === 1, 4000, 'the refused Chromium to exit');
      expect(chromiumGroups(authDir)).toEqual([holder.pid]);
    } finally {
      killGroup(holder);
    }
    expect(await leftovers(dataDir)).toEqual([]);
  });

  it('after a crash, the orphaned Chromium of the dead Chapar process is killed and the account starts', async () => {
    const dataDir = await tempDir();
    const authDir = wwebjsAuthDir(dataDir, 5);
    let orphan: ChildProcess | undefined;
    try {
      orphan = await holdProfile(authDir);
      // The owner file names a Chapar process that no longer exists.
      const gone = spawn('true');
      await new Promise((resolve) => gone.on('exit', resolve));
      await writeFile(
        path.join(dataDir, 'wwebjs', 'owner-5.json'),
        JSON.stringify({ pid: gone.pid, host: os.hostname(), at: new Date().toISOString() }),
      );
      const driver = new WwebjsDriver(5, { dataDir, chromePath: CHROME, clientFactory: offlineFactory() });
      const events = record(driver);
      await driver.connect();
      // It got as far as WhatsApp Web: the offline failure, not "in use".
      expect(events.at(-1)).toMatchObject({ status: 'FAILED', failure: 'unreachable' });
      expect(alive(orphan.pid)).toBe(false);
    } finally {
      killGroup(orphan);
    }
    expect(await leftovers(dataDir)).toEqual([]);
  });

  it('LOGIN_STORE=mysql: a live profile backed up on one DATA_DIR opens in Chromium on another', async () => {
    const [user] = await handle.db
      .insert(users)
      .values({ name: 'Move', email: 'move@example.com', phone: '09120000001', passwordHash: 'x' })
      .$returningId();
    const [account] = await handle.db
      .insert(whatsappAccounts)
      .values({ userId: user!.id, label: 'Real', driver: 'wwebjs', leaseOwner: 'worker-1', leaseEpoch: 1 })
      .$returningId();
    const id = account!.id;
    const [dataDirA, dataDirB] = [await tempDir(), await tempDir()];
    const profileA = wwebjsAuthDir(dataDirA, id);
    let holder: ChildProcess | undefined;
    try {
      // Worker 1's Chromium is running (its profile locked) when the periodic backup is taken.
      holder = await holdProfile(profileA);
      await mkdir(path.join(profileA, 'Default'), { recursive: true });
      await writeFile(path.join(profileA, 'Default', 'chapar-marker'), 'linked on worker 1');
      const storeA = new MysqlLoginStore({
        db: handle.db,
        workerId: 'worker-1',
        fence: () => ({ owner: 'worker-1', epoch: 1 }),
      });
      await storeA.backup(id, profileA);
    } finally {
      killGroup(holder);
    }
    await handle.db
      .update(whatsappAccounts)
      .set({ leaseOwner: 'worker-2', leaseEpoch: 2 })
      .where(eq(whatsappAccounts.id, id));
    const storeB = new MysqlLoginStore({
      db: handle.db,
      workerId: 'worker-2',
      fence: () => ({ owner: 'worker-2', epoch: 2 }),
    });
    const driver = new WwebjsDriver(id, {
      dataDir: dataDirB,
      chromePath: CHROME,
      clientFactory: offlineFactory(),
      loginStore: storeB,
    });
    const events = record(driver);
    await driver.connect();
    // Chromium opened the restored profile (no lock of worker 1's came along) and got as far as the network.
    expect(events.at(-1)).toMatchObject({ status: 'FAILED', failure: 'unreachable' });
    const profileB = wwebjsAuthDir(dataDirB, id);
    expect(await readFile(path.join(profileB, 'Default', 'chapar-marker'), 'utf8')).toBe(
      'linked on worker 1',
    );
    expect(await readFile(path.join(profileB, 'Local State'), 'utf8')).toContain('{');
    expect(await leftovers(dataDirB)).toEqual([]);
  });

  it('a profile lock written on another host that runs a worker is left alone: that may be its live browser', async () => {
    const dataDir = await tempDir();
    const authDir = wwebjsAuthDir(dataDir, 6);
    await mkdir(authDir, { recursive: true });
    await symlink('other-worker-host-4242', path.join(authDir, 'SingletonLock'));
    await heartbeat('other-worker-host', 0);
    for (const hostIsLive of [liveHostCheck(handle.db, 25), undefined]) {
      const driver = new WwebjsDriver(6, {
        dataDir,
        chromePath: CHROME,
        clientFactory: offlineFactory(),
        ...(hostIsLive ? { hostIsLive } : {}),
      });
      const events = record(driver);
      await driver.connect();
      expect(events.at(-1)).toMatchObject({
        status: 'FAILED',
        failure: 'profile-in-use',
        retryable: true,
        error: "This account's WhatsApp login is in use by a Chapar worker on another host.",
      });
      expect(await readlink(path.join(authDir, 'SingletonLock'))).toBe('other-worker-host-4242');
    }
    expect(await leftovers(dataDir)).toEqual([]);
  });

  it('a profile lock of a host whose workers are gone (a recreated container) does not block the account', async () => {
    const dataDir = await tempDir();
    const authDir = wwebjsAuthDir(dataDir, 7);
    await mkdir(authDir, { recursive: true });
    await symlink('some-old-container-4242', path.join(authDir, 'SingletonLock'));
    // Its last heartbeat is older than the lease: nobody there can still run the browser.
    await heartbeat('some-old-container', 60);
    const driver = new WwebjsDriver(7, {
      dataDir,
      chromePath: CHROME,
      clientFactory: offlineFactory(),
      hostIsLive: liveHostCheck(handle.db, 25),
    });
    const events = record(driver);
    await driver.connect();
    expect(events.at(-1)).toMatchObject({ status: 'FAILED', failure: 'unreachable' });
    expect(await leftovers(dataDir)).toEqual([]);
  });
});
