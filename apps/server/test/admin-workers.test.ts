import { whatsappAccounts, workers } from '@chapar/db';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp } from './support/users';

/**
 * The System page's view of the cluster: the workers and who holds which account. The
 * server under test is one process (role `all`), its own only real worker; two more
 * worker rows and their leases are written straight into MySQL, as their heartbeats would.
 */

let server: TestServer;
let admin: Awaited<ReturnType<typeof signUp>>;
let user: Awaited<ReturnType<typeof signUp>>;
/** Accounts: [0] linked (held by the server itself), [1][2] by the live fake worker, [3] by the dead one, [4] by nobody. */
let accounts: number[];

beforeAll(async () => {
  server = await startTestServer();
  admin = await signUp(server, { name: 'Admin' }); // the first user: SUPER_ADMIN
  user = await signUp(server, { name: 'Account Owner' });
  const linked = await linkedSandboxAccount(user.client);
  const others = [];
  for (const label of ['alive-1', 'alive-2', 'dead-1', 'nobody']) {
    others.push(await user.client.whatsapp.create.mutate({ label, driver: 'sandbox' }));
  }
  accounts = [linked.id, ...others.map((a) => a.id)];
  const { db } = server.app;
  const fake = { role: 'worker', pid: 4242, startedAt: new Date(Date.now() - 3_600_000), maxAccounts: 10 };
  await db.insert(workers).values([
    { ...fake, id: 'w-alive', host: 'host-a', heartbeatAt: new Date(), accounts: 2, browsers: 2 },
    // Silent for ten minutes, far past a lease (25 s): killed without handing back.
    {
      ...fake,
      id: 'w-dead',
      host: 'host-b',
      heartbeatAt: new Date(Date.now() - 600_000),
      accounts: 1,
      browsers: 1,
    },
  ]);
  await db
    .update(whatsappAccounts)
    .set({ leaseOwner: 'w-alive', leaseEpoch: 1, leaseExpiresAt: sql`NOW(3) + INTERVAL 5 MINUTE` })
    .where(inArray(whatsappAccounts.id, [accounts[1]!, accounts[2]!]));
  await db
    .update(whatsappAccounts)
    .set({ leaseOwner: 'w-dead', leaseEpoch: 1, leaseExpiresAt: sql`NOW(3) - INTERVAL 5 MINUTE` })
    .where(eq(whatsappAccounts.id, accounts[3]!));
});
afterAll(() => server?.close());

describe('admin.system workers', () => {
  it('lists every worker with its heartbeat, liveness, leases held and browsers', async () => {
    const system = await admin.client.admin.system.query();
    const byId = new Map(system.workers?.map((w) => [w.id, w]));
    expect(system.workers?.map((w) => w.id).sort()).toEqual(
      [server.app.workerId, 'w-alive', 'w-dead'].sort(),
    );
    // Role `all`: the one process is the one real worker, holding the linked account.
    expect(byId.get(server.app.workerId)).toMatchObject({
      role: 'all',
      alive: true,
      accountsHeld: 1,
      pid: process.pid,
    });
    expect(byId.get('w-alive')).toMatchObject({
      host: 'host-a',
      role: 'worker',
      alive: true,
      accountsHeld: 2,
      browsers: 2,
      maxAccounts: 10,
      pid: 4242,
    });
    // Its lease expired: it still names the account, but holds nothing.
    expect(byId.get('w-dead')).toMatchObject({ host: 'host-b', alive: false, accountsHeld: 0, browsers: 1 });
    const dead = byId.get('w-dead')!;
    expect(Date.now() - Date.parse(dead.lastHeartbeatAt)).toBeGreaterThanOrEqual(599_000);
    expect(Date.parse(dead.startedAt)).toBeLessThan(Date.parse(dead.lastHeartbeatAt));
    // The freshest heartbeat first, the dead worker last.
    expect(system.workers?.at(-1)?.id).toBe('w-dead');
    // The fields outside scripts rely on are all still there.
    expect(Object.keys(system)).toEqual(
      expect.arrayContaining(['database', 'engine', 'accounts', 'messagesPerHour', 'server']),
    );
  });
});

describe('admin.accountOwners', () => {
  it('names each account’s user and lease holder, filtered by worker', async () => {
    const alive = await admin.client.admin.accountOwners.query({ owner: 'w-alive' });
    expect(alive.items.map((a) => a.id)).toEqual([accounts[1], accounts[2]]);
    expect(alive.items[0]).toMatchObject({
      label: 'alive-1',
      status: 'DISCONNECTED',
      userId: user.user.id,
      userName: 'Account Owner',
      userEmail: user.email,
      owner: 'w-alive',
      leaseActive: true,
    });
    expect(Date.parse(alive.items[0]!.leaseExpiresAt!)).toBeGreaterThan(Date.now());

    const dead = await admin.client.admin.accountOwners.query({ owner: 'w-dead' });
    expect(dead.items).toEqual([
      expect.objectContaining({ id: accounts[3], owner: 'w-dead', leaseActive: false }),
    ]);

    const nobody = await admin.client.admin.accountOwners.query({ owner: null });
    expect(nobody.items).toEqual([
      expect.objectContaining({ id: accounts[4], owner: null, leaseExpiresAt: null, leaseActive: false }),
    ]);

    const mine = await admin.client.admin.accountOwners.query({ owner: server.app.workerId });
    expect(mine.items).toEqual([
      expect.objectContaining({ id: accounts[0], status: 'READY', phone: expect.any(String) }),
    ]);
  });

  it('pages through every account by id without repeats', async () => {
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: { items: Array<{ id: number }>; nextCursor: number | null } =
        await admin.client.admin.accountOwners.query({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(accounts);
  });

  it('refuses a worker id that cannot be one, saying why', async () => {
    const empty = await errorOf(admin.client.admin.accountOwners.query({ owner: '  ' }));
    expect(empty.data.code).toBe('BAD_REQUEST');
    expect(empty.message).toContain('Give a worker id, or null for accounts nobody holds.');
    const long = await errorOf(admin.client.admin.accountOwners.query({ owner: 'w'.repeat(129) }));
    expect(long.data.code).toBe('BAD_REQUEST');
    expect(long.message).toContain('A worker id has at most 128 characters.');
  });

  it('is for administrators only', async () => {
    expect((await errorOf(user.client.admin.accountOwners.query({}))).data.code).toBe('FORBIDDEN');
    expect((await errorOf(user.client.admin.system.query())).data.code).toBe('FORBIDDEN');
    expect((await errorOf(server.client().admin.accountOwners.query({}))).data.code).toBe('UNAUTHORIZED');
  });
});
