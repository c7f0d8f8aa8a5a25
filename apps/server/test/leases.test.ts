import { createDatabase, users, whatsappAccounts, workers } from '@chapar/db';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountLeases } from '../src/cluster/leases';
import { createTestDatabase } from './support/database';

/*
 * The lease protocol itself (DESIGN.md, "Scale-out") on a real MariaDB: several
 * AccountLeases in one test process stand for workers on several machines.
 */

let database: { url: string; drop(): Promise<void> };
let handle: ReturnType<typeof createDatabase>;
const log = pino({ level: 'silent' });
const running: AccountLeases[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDatabase(database.url, { connectionLimit: 8 });
});

afterAll(async () => {
  for (const leases of running) await leases.stop();
  await handle.close();
  await database.drop();
});

let userCount = 0;

async function accountsWantingAnOwner(count: number): Promise<number[]> {
  const n = ++userCount;
  const [user] = await handle.db
    .insert(users)
    .values({
      name: 'Lease',
      email: `lease-${n}@example.com`,
      phone: `0912000000${n}`,
      passwordHash: 'x',
    })
    .$returningId();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const [row] = await handle.db
      .insert(whatsappAccounts)
      .values({ userId: user!.id, label: `A${i}`, driver: 'sandbox', desired: 'CONNECTED' })
      .$returningId();
    ids.push(row!.id);
  }
  return ids;
}

function worker(id: string, events: { acquired: number[]; lost: number[] }) {
  const leases = new AccountLeases({
    db: handle.db,
    log,
    workerId: id,
    role: 'worker',
    ttlSeconds: 6,
    maxAccounts: 100,
    browsers: () => 0,
    onAcquired: async ({ accountId }) => {
      events.acquired.push(accountId);
    },
    onLost: async (accountId) => {
      events.lost.push(accountId);
    },
  });
  running.push(leases);
  return leases;
}

const ownerOf = async (accountId: number) =>
  (await handle.db.select().from(whatsappAccounts).where(eq(whatsappAccounts.id, accountId)))[0]!;

describe('account leases (real MariaDB)', () => {
  it('two workers share the accounts that want an owner, each account held by exactly one', async () => {
    const ids = await accountsWantingAnOwner(6);
    const a = { acquired: [] as number[], lost: [] as number[] };
    const b = { acquired: [] as number[], lost: [] as number[] };
    // Both heartbeats are there before either claims, so each sees the other in its share.
    for (const id of ['lease-a', 'lease-b']) {
      await handle.db.insert(workers).values({
        id,
        role: 'worker',
        host: 'test',
        pid: 1,
        startedAt: new Date(),
        heartbeatAt: sql`NOW(3)` as unknown as Date,
        accounts: 0,
        browsers: 0,
        maxAccounts: 100,
      });
    }
    const first = worker('lease-a', a);
    const second = worker('lease-b', b);
    await Promise.all([first.start(), second.start()]);
    for (let i = 0; i < 5 && a.acquired.length + b.acquired.length < ids.length; i++) {
      first.wake();
      second.wake();
      await new Promise((r) => setTimeout(r, 300));
    }
    expect([...a.acquired, ...b.acquired].sort((x, y) => x - y)).toEqual(ids);
    expect(a.acquired.filter((id) => b.acquired.includes(id))).toEqual([]);
    expect(a.acquired.length).toBe(3);
    for (const id of ids) {
      const row = await ownerOf(id);
      expect(row.leaseOwner).toBe(a.acquired.includes(id) ? 'lease-a' : 'lease-b');
      expect(row.leaseEpoch).toBe(1);
    }
    await first.stop();
    await second.stop();
  });

  it('a lease that expired in the database is lost by its holder and taken by another with a new epoch', async () => {
    const [id] = await accountsWantingAnOwner(1);
    const a = { acquired: [] as number[], lost: [] as number[] };
    const b = { acquired: [] as number[], lost: [] as number[] };
    await handle.db
      .update(whatsappAccounts)
      .set({ leaseOwner: 'lease-c', leaseEpoch: 4, leaseExpiresAt: sql`NOW(3) - INTERVAL 1 SECOND` })
      .where(eq(whatsappAccounts.id, id!));
    const taker = worker('lease-d', b);
    await taker.start();
    expect(b.acquired).toContain(id);
    expect(await ownerOf(id!)).toMatchObject({ leaseOwner: 'lease-d', leaseEpoch: 5 });
    // A worker under the old holder's name starts again: the row names another owner now.
    const stale = worker('lease-c', a);
    await stale.start();
    expect(a.acquired).not.toContain(id);
    expect(await ownerOf(id!)).toMatchObject({ leaseOwner: 'lease-d', leaseEpoch: 5 });
    await taker.stop();
    await stale.stop();
  });

  it('SIGTERM hands every lease back and removes the worker row; day-old rows of dead workers are pruned', async () => {
    const [id] = await accountsWantingAnOwner(1);
    await handle.db.insert(workers).values({
      id: 'killed-long-ago',
      role: 'worker',
      host: 'gone',
      pid: 1,
      startedAt: new Date(Date.now() - 3 * 86_400_000),
      heartbeatAt: new Date(Date.now() - 2 * 86_400_000),
      accounts: 0,
      browsers: 0,
      maxAccounts: 10,
    });
    const events = { acquired: [] as number[], lost: [] as number[] };
    const leases = worker('lease-e', events);
    await leases.start();
    expect(events.acquired).toContain(id);
    const names = (await handle.db.select({ id: workers.id }).from(workers)).map((w) => w.id);
    expect(names).toContain('lease-e');
    expect(names).not.toContain('killed-long-ago');
    await leases.stop();
    expect(await ownerOf(id!)).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
    const after = (await handle.db.select({ id: workers.id }).from(workers)).map((w) => w.id);
    expect(after).not.toContain('lease-e');
  });
});
