import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { accountLoginChunks, accountLogins, createDatabase, users, whatsappAccounts } from '@chapar/db';
import { eq, sql } from 'drizzle-orm';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountLeases } from '../src/cluster/leases';
import { createLogger } from '../src/logger';
import {
  LOGIN_CHUNK_BYTES,
  LoginFenceError,
  LoginIntegrityError,
  MysqlLoginStore,
} from '../src/whatsapp/login-store/mysql-login-store';
import { createTestDatabase } from './support/database';

/** The database login store (LOGIN_STORE=mysql) against MariaDB, with real directories. */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let handle: ReturnType<typeof createDatabase>;
let userId: number;
const dirs: string[] = [];
const log = createLogger('silent');

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDatabase(database.url);
  const [user] = await handle.db
    .insert(users)
    .values({ name: 'Login', email: 'login@example.com', phone: '09120000000', passwordHash: 'x' })
    .$returningId();
  userId = user!.id;
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chapar-login-store-'));
  dirs.push(dir);
  return dir;
}

async function newAccount(desired: 'CONNECTED' | 'DISCONNECTED' = 'DISCONNECTED'): Promise<number> {
  const [row] = await handle.db
    .insert(whatsappAccounts)
    .values({ userId, label: 'Real', driver: 'wwebjs', desired })
    .$returningId();
  return row!.id;
}

/** A profile like Chromium's: nested folders, binary files, and caches that are left out. */
async function writeProfile(dir: string, extra: Record<string, Buffer> = {}) {
  const files: Record<string, Buffer> = {
    'Local State': Buffer.from('{"profile":{}}'),
    'Default/Preferences': Buffer.from('{"intl":{"accept_languages":"fa"}}'),
    'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log': randomBytes(70_000),
    'Default/Local Storage/leveldb/CURRENT': Buffer.from([0, 1, 2, 255, 254, 0, 10, 13]),
    'Default/Cache/Cache_Data/data_0': randomBytes(5000),
    'Default/Service Worker/CacheStorage/x': randomBytes(100),
    ...extra,
  };
  for (const [name, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), data);
  }
  await mkdir(path.join(dir, 'Default/empty folder'), { recursive: true });
}

/** Every file under `dir` with its bytes, as relative paths. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    if ((await stat(file)).isDirectory()) out[`${name}/`] = '';
    else out[name] = (await readFile(file)).toString('base64');
  }
  return out;
}

function store(fence?: (id: number) => { owner: string; epoch: number } | null, workerId = 'w1') {
  return new MysqlLoginStore({ db: handle.db, workerId, ...(fence ? { fence } : {}) });
}

describe('MySQL login store', () => {
  it('restores a backed-up profile byte for byte, caches left out', async () => {
    const id = await newAccount();
    const [from, into] = [await tempDir(), await tempDir()];
    await writeProfile(path.join(from, 'profile'));
    await store().backup(id, path.join(from, 'profile'));

    expect(await store().restore(id, path.join(into, 'profile'))).toBe(true);
    const restored = await snapshot(path.join(into, 'profile'));
    expect(restored).toEqual(withoutCaches(await snapshot(path.join(from, 'profile'))));
    expect(Object.keys(restored)).toContain('Default/empty folder/');
    expect(Object.keys(restored).some((name) => name.includes('Cache'))).toBe(false);
  });

  it('answers false and leaves the directory alone when nothing is stored', async () => {
    const id = await newAccount();
    const dir = await tempDir();
    await writeFile(path.join(dir, 'kept'), 'local');
    expect(await store().restore(id, dir)).toBe(false);
    expect(await readFile(path.join(dir, 'kept'), 'utf8')).toBe('local');
  });

  it('splits a large profile into chunks of at most 4 MB and switches versions whole', async () => {
    const id = await newAccount();
    const dir = path.join(await tempDir(), 'profile');
    // Random bytes do not compress: about 9 MB of archive, three chunks.
    await writeProfile(dir, { 'Default/blob_storage/big': randomBytes(9 * 1024 * 1024) });
    await store().backup(id, dir);
    const chunks = await handle.db
      .select({ version: accountLoginChunks.version, bytes: sql<number>`LENGTH(${accountLoginChunks.data})` })
      .from(accountLoginChunks)
      .where(eq(accountLoginChunks.accountId, id));
    expect(chunks.length).toBe(3);
    expect(chunks.every((c) => Number(c.bytes) <= LOGIN_CHUNK_BYTES)).toBe(true);
    const [login] = await handle.db.select().from(accountLogins).where(eq(accountLogins.accountId, id));
    expect(login).toMatchObject({ version: 1, chunks: 3, savedBy: 'w1' });
    expect(login!.sha256).toMatch(/^[0-9a-f]{64}$/);

    // A second backup replaces the first: only its chunks are left.
    await rm(path.join(dir, 'Default/blob_storage'), { recursive: true });
    await store().backup(id, dir);
    const after = await handle.db
      .select({ version: accountLoginChunks.version })
      .from(accountLoginChunks)
      .where(eq(accountLoginChunks.accountId, id));
    expect(after).toEqual([{ version: 2 }]);

    const into = path.join(await tempDir(), 'profile');
    await store().restore(id, into);
    expect(await snapshot(into)).toEqual(await snapshot(path.join(dir)).then(withoutCaches));
  });

  it('refuses a stored login whose bytes do not match its SHA-256, and keeps the directory', async () => {
    const id = await newAccount();
    const dir = path.join(await tempDir(), 'profile');
    await writeProfile(dir);
    await store().backup(id, dir);
    await handle.db.execute(
      sql`UPDATE account_login_chunks SET data = CONCAT(SUBSTR(data, 1, 100), 'X', SUBSTR(data, 102)) WHERE account_id = ${id}`,
    );
    const into = path.join(await tempDir(), 'profile');
    await mkdir(into);
    await writeFile(path.join(into, 'before'), 'untouched');
    await expect(store().restore(id, into)).rejects.toThrow(LoginIntegrityError);
    await expect(store().restore(id, into)).rejects.toThrow(/damaged \(SHA-256/);
    expect(await readdir(into)).toEqual(['before']);
    // Nothing is left behind next to it either.
    expect((await readdir(path.dirname(into))).sort()).toEqual(['profile']);
  });

  it('refuses an archive entry that would land outside the profile', async () => {
    const id = await newAccount();
    await storeRaw(id, await archiveWith('../../escaped.txt'));
    const parent = await tempDir();
    const into = path.join(parent, 'a', 'profile');
    await expect(store().restore(id, into)).rejects.toThrow(
      /outside its folder \(\.\.\/\.\.\/escaped\.txt\)/,
    );
    await expect(stat(path.join(parent, 'escaped.txt'))).rejects.toThrow();
    await expect(stat(into)).rejects.toThrow();
  });

  it('refuses an archive with a symlink, which could point anywhere on this machine', async () => {
    const id = await newAccount();
    await storeRaw(id, await archiveWith('Default/Preferences', '/etc/passwd'));
    const into = path.join(await tempDir(), 'profile');
    await expect(store().restore(id, into)).rejects.toThrow(
      'The stored login holds a symlink entry (Default/Preferences); only files and folders are restored',
    );
    await expect(stat(into)).rejects.toThrow();
  });

  it('refuses a backup whose lease epoch is no longer the current one', async () => {
    const id = await newAccount();
    await handle.db
      .update(whatsappAccounts)
      .set({ leaseOwner: 'w1', leaseEpoch: 4 })
      .where(eq(whatsappAccounts.id, id));
    const dir = path.join(await tempDir(), 'profile');
    await writeProfile(dir);
    await store(() => ({ owner: 'w1', epoch: 4 })).backup(id, dir);
    // Another worker took the account (epoch 5); the old owner's backup must not become current.
    await handle.db
      .update(whatsappAccounts)
      .set({ leaseOwner: 'w2', leaseEpoch: 5 })
      .where(eq(whatsappAccounts.id, id));
    await writeFile(path.join(dir, 'Local State'), 'stale');
    await expect(store(() => ({ owner: 'w1', epoch: 4 })).backup(id, dir)).rejects.toThrow(LoginFenceError);
    const [login] = await handle.db.select().from(accountLogins).where(eq(accountLogins.accountId, id));
    expect(login!.version).toBe(1);
    const versions = await handle.db
      .selectDistinct({ version: accountLoginChunks.version })
      .from(accountLoginChunks)
      .where(eq(accountLoginChunks.accountId, id));
    expect(versions).toEqual([{ version: 1 }]);
    // Without a lease at all nothing is written.
    await expect(store(() => null).backup(id, dir)).rejects.toThrow(/does not hold/);
  });

  it('forget deletes the stored login and its chunks', async () => {
    const id = await newAccount();
    const dir = path.join(await tempDir(), 'profile');
    await writeProfile(dir);
    await store().backup(id, dir);
    await store().forget(id);
    expect(await handle.db.select().from(accountLogins).where(eq(accountLogins.accountId, id))).toEqual([]);
    expect(
      await handle.db.select().from(accountLoginChunks).where(eq(accountLoginChunks.accountId, id)),
    ).toEqual([]);
    expect(await store().restore(id, path.join(await tempDir(), 'profile'))).toBe(false);
  });

  it('keeps a profile that grew from the current backup instead of rolling it back', async () => {
    const id = await newAccount();
    const dir = path.join(await tempDir(), 'profile');
    await writeProfile(dir);
    await store().backup(id, dir);
    // Chromium wrote more after the backup (a reconnect on the same worker).
    await writeFile(path.join(dir, 'Default/newer'), 'since the backup');
    expect(await store().restore(id, dir)).toBe(true);
    expect(await readFile(path.join(dir, 'Default/newer'), 'utf8')).toBe('since the backup');
  });
});

describe('moving an account between two workers on different DATA_DIRs', () => {
  function leasesFor(workerId: string) {
    return new AccountLeases({
      db: handle.db,
      log,
      workerId,
      role: 'worker',
      ttlSeconds: 25,
      maxAccounts: 10,
      browsers: () => 0,
      onAcquired: async () => {},
      onLost: async () => {},
    });
  }

  it('the new owner restores what the old one backed up; the old one can no longer write', async () => {
    const id = await newAccount('CONNECTED');
    const dataDirA = await tempDir();
    const dataDirB = await tempDir();
    const profileA = path.join(dataDirA, 'wwebjs', `session-account-${id}`);
    const profileB = path.join(dataDirB, 'wwebjs', `session-account-${id}`);

    const one = leasesFor('worker-1');
    await one.start();
    expect(one.holds(id)).toBe(true);
    const storeA = store((accountId) => one.fence(accountId), 'worker-1');
    await writeProfile(profileA);
    await storeA.backup(id, profileA);

    // Worker 1 stops (SIGTERM hands the lease back); worker 2 takes the account.
    await one.stop();
    const two = leasesFor('worker-2');
    await two.start();
    expect(two.holds(id)).toBe(true);
    const storeB = store((accountId) => two.fence(accountId), 'worker-2');
    expect(await storeB.restore(id, profileB)).toBe(true);
    expect(await snapshot(profileB)).toEqual(await snapshot(profileA).then(withoutCaches));

    // The old owner's late backup is refused; the new owner's goes through.
    await writeFile(path.join(profileA, 'Local State'), 'stale copy');
    await expect(storeA.backup(id, profileA)).rejects.toThrow(LoginFenceError);
    await writeFile(path.join(profileB, 'Local State'), 'fresh copy');
    await storeB.backup(id, profileB);
    const [login] = await handle.db.select().from(accountLogins).where(eq(accountLogins.accountId, id));
    expect(login).toMatchObject({ version: 2, savedBy: 'worker-2' });
    await two.stop();
  });
});

function withoutCaches(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).filter(([name]) => !/(^|\/)(Cache|Service Worker)(\/|$)/.test(name)),
  );
}

/** A gzipped tar holding one file (or a symlink to `linkTo`) under `name`, as packProfile never writes. */
async function archiveWith(name: string, linkTo?: string): Promise<Buffer> {
  const pack = tar.pack();
  if (linkTo) pack.entry({ name, type: 'symlink', linkname: linkTo });
  else pack.entry({ name, type: 'file', size: 5 }, Buffer.from('owned'));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const part of pack.pipe(createGzip())) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Stores `archive` as the account's current login, as a tampered database row would. */
async function storeRaw(accountId: number, archive: Buffer) {
  await handle.db.insert(accountLoginChunks).values({ accountId, version: 1, seq: 0, data: archive });
  await handle.db.insert(accountLogins).values({
    accountId,
    version: 1,
    bytes: archive.length,
    sha256: createHash('sha256').update(archive).digest('hex'),
    chunks: 1,
    savedBy: 'attacker',
    updatedAt: new Date(),
  });
}
