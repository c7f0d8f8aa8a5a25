import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { accountLoginChunks, accountLogins, createDatabase, users, whatsappAccounts } from '@chapar/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessEventBus } from '../src/events/event-bus';
import { createLogger } from '../src/logger';
import { MysqlLoginStore } from '../src/whatsapp/login-store/mysql-login-store';
import { SessionManager } from '../src/whatsapp/session-manager';
import { WwebjsDriver, wwebjsAuthDir } from '../src/whatsapp/wwebjs-driver';
import { FakeClient, until } from '../src/whatsapp/wwebjs-fake';
import { createTestDatabase } from './support/database';

/**
 * The driver and the session manager with the MySQL login store, on the stand-in Client:
 * the login is restored before initialize(), backed up after READY and on a graceful
 * close, and forgotten on logout, as two workers with their own DATA_DIR see it.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let handle: ReturnType<typeof createDatabase>;
let accountId: number;
const dirs: string[] = [];
const log = createLogger('silent');

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDatabase(database.url);
  const [user] = await handle.db
    .insert(users)
    .values({ name: 'Login', email: 'login@example.com', phone: '09120000000', passwordHash: 'x' })
    .$returningId();
  const [account] = await handle.db
    .insert(whatsappAccounts)
    .values({ userId: user!.id, label: 'Real', driver: 'wwebjs', leaseOwner: 'worker-1', leaseEpoch: 1 })
    .$returningId();
  accountId = account!.id;
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** One worker: its own DATA_DIR, a login store fenced by the lease row's current epoch, fake Chromium. */
async function worker(workerId: string, epoch: number) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chapar-login-worker-'));
  dirs.push(dataDir);
  const loginStore = new MysqlLoginStore({
    db: handle.db,
    workerId,
    fence: () => ({ owner: workerId, epoch }),
  });
  const clients: FakeClient[] = [];
  /** The profile as initialize() found it: what LocalAuth would hand Chromium. */
  const atInitialize: string[][] = [];
  const sessions = new SessionManager({
    db: handle.db,
    bus: new InProcessEventBus(),
    log,
    dataDir,
    workerId,
    maxBrowsers: 4,
    loginStore,
    createDriver: (account) =>
      new WwebjsDriver(account.id, {
        dataDir,
        chromePath: process.execPath,
        loginStore,
        clientFactory: () => {
          const client = new FakeClient();
          client.initialize.mockImplementation(async () => {
            atInitialize.push(await listFiles(wwebjsAuthDir(dataDir, account.id)));
            return undefined;
          });
          clients.push(client);
          return client;
        },
      }),
  });
  return { dataDir, sessions, clients, atInitialize, profile: wwebjsAuthDir(dataDir, accountId) };
}

async function listFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => []);
  const files: string[] = [];
  for (const name of names) if ((await stat(path.join(dir, name))).isFile()) files.push(name);
  return files.sort();
}

async function storedVersion(): Promise<number | undefined> {
  const [row] = await handle.db.select().from(accountLogins).where(eq(accountLogins.accountId, accountId));
  return row?.version;
}

describe('the login follows the account between workers with LOGIN_STORE=mysql', () => {
  it('backs up after READY and on close, restores before initialize elsewhere, forgets on logout', async () => {
    const one = await worker('worker-1', 1);
    await one.sessions.connect(accountId);
    await until(() => one.clients.length === 1);
    // Chromium writes the login into the profile while the QR is scanned.
    await mkdir(path.join(one.profile, 'Default', 'IndexedDB'), { recursive: true });
    await writeFile(path.join(one.profile, 'Default', 'IndexedDB', 'keys'), Buffer.from([1, 2, 3, 0, 255]));
    one.clients[0]!.becomeReady();
    await waitUntil(async () => (await storedVersion()) === 1);

    // More state after the first backup; the graceful close (SIGTERM) saves it too.
    await writeFile(path.join(one.profile, 'Default', 'Preferences'), '{"after":"ready"}');
    await one.sessions.stop();
    expect(await storedVersion()).toBe(2);

    // The lease moves; the new owner's empty DATA_DIR gets the login before initialize().
    await handle.db
      .update(whatsappAccounts)
      .set({ leaseOwner: 'worker-2', leaseEpoch: 2 })
      .where(eq(whatsappAccounts.id, accountId));
    const two = await worker('worker-2', 2);
    await two.sessions.connect(accountId);
    await until(() => two.atInitialize.length === 1);
    expect(two.atInitialize[0]).toEqual(['Default/IndexedDB/keys', 'Default/Preferences']);
    expect(await readFile(path.join(two.profile, 'Default', 'IndexedDB', 'keys'))).toEqual(
      Buffer.from([1, 2, 3, 0, 255]),
    );

    await two.sessions.logout(accountId);
    expect(await storedVersion()).toBeUndefined();
    expect(
      await handle.db.select().from(accountLoginChunks).where(eq(accountLoginChunks.accountId, accountId)),
    ).toEqual([]);
    await two.sessions.stop();
  });
});

async function waitUntil(check: () => Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
