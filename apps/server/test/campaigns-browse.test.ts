import { campaigns, recipients } from '@chapar/db';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp } from './support/users';

/** Browsing: the campaigns list's filters and the recipients table's search, sort and pages. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

type Client = Awaited<ReturnType<typeof signUp>>['client'];

async function campaign(client: Client, accountId: number, title: string | null) {
  return client.campaigns.create.mutate({ title, message: 'Salam', whatsappAccountId: accountId });
}

describe('campaigns.list', () => {
  it('filters by status, account, title and creation date, counts the matches and pages by cursor', async () => {
    const { client } = await signUp(server);
    const phoneA = await client.whatsapp.create.mutate({ label: 'A', driver: 'sandbox' });
    const phoneB = await client.whatsapp.create.mutate({ label: 'B', driver: 'sandbox' });
    const spring = await campaign(client, phoneA.id, 'Spring sale');
    const summer = await campaign(client, phoneA.id, 'Summer sale');
    const news = await campaign(client, phoneB.id, 'Newsletter');
    const untitled = await campaign(client, phoneB.id, null);
    await client.campaigns.addRecipients.mutate({
      campaignId: summer.id,
      recipients: [{ phone: '09121234567' }],
    });
    // Someone else's campaign with a matching title is never listed.
    const other = await signUp(server);
    const otherAccount = await other.client.whatsapp.create.mutate({ label: 'A', driver: 'sandbox' });
    await campaign(other.client, otherAccount.id, 'Spring sale too');
    // The spring campaign was made last year.
    await server.app.db
      .update(campaigns)
      .set({ createdAt: new Date('2025-03-01T10:00:00Z') })
      .where(eq(campaigns.id, spring.id));

    const ids = async (input: Parameters<Client['campaigns']['list']['query']>[0]) =>
      (await client.campaigns.list.query(input)).items.map((c) => c.id);

    expect(await ids({})).toEqual([untitled.id, news.id, summer.id, spring.id]);
    expect(await ids({ search: 'sale' })).toEqual([summer.id, spring.id]);
    expect(await ids({ search: 'SPRING' })).toEqual([spring.id]);
    expect(await ids({ search: `#${untitled.id}` })).toEqual([untitled.id]);
    expect(await ids({ search: '100%' })).toEqual([]);
    expect(await ids({ whatsappAccountId: phoneB.id })).toEqual([untitled.id, news.id]);
    expect(await ids({ whatsappAccountId: otherAccount.id })).toEqual([]);
    expect(await ids({ status: 'READY' })).toEqual([summer.id]);
    expect(await ids({ status: 'DRAFT', whatsappAccountId: phoneA.id })).toEqual([spring.id]);
    expect(await ids({ createdTo: new Date('2026-01-01T00:00:00Z') })).toEqual([spring.id]);
    expect(await ids({ createdFrom: new Date('2026-01-01T00:00:00Z') })).toEqual([
      untitled.id,
      news.id,
      summer.id,
    ]);

    // Pages of two, with the total of every match.
    const first = await client.campaigns.list.query({ limit: 2, withTotal: true });
    expect(first.items.map((c) => c.id)).toEqual([untitled.id, news.id]);
    expect(first.total).toBe(4);
    const second = await client.campaigns.list.query({ limit: 2, withTotal: true, cursor: first.nextCursor });
    expect(second.items.map((c) => c.id)).toEqual([summer.id, spring.id]);
    expect(second).toMatchObject({ nextCursor: null, total: 4 });
    // Without asking, no count is made.
    expect((await client.campaigns.list.query({ search: 'sale' })).total).toBeUndefined();
    expect((await client.campaigns.list.query({ search: 'sale', withTotal: true })).total).toBe(2);
  });

  it('refuses a date range that ends before it starts, naming the field', async () => {
    const { client } = await signUp(server);
    const error = await errorOf(
      client.campaigns.list.query({
        createdFrom: new Date('2026-02-01T00:00:00Z'),
        createdTo: new Date('2026-01-01T00:00:00Z'),
      }),
    );
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/end of the date range/);
  });
});

describe('campaigns.duplicate', () => {
  it('names the copy as asked (the SPA asks in the user’s language), else "<title> (copy)"', async () => {
    const { client } = await signUp(server);
    const account = await client.whatsapp.create.mutate({ label: 'A', driver: 'sandbox' });
    const source = await campaign(client, account.id, 'حراج پاییزه');
    await client.campaigns.addRecipients.mutate({
      campaignId: source.id,
      recipients: [{ phone: '09121234567' }],
    });
    const named = await client.campaigns.duplicate.mutate({ id: source.id, title: ' حراج پاییزه (رونوشت) ' });
    expect(named).toMatchObject({ title: 'حراج پاییزه (رونوشت)', totalRecipients: 1, status: 'READY' });
    expect((await client.campaigns.duplicate.mutate({ id: source.id })).title).toBe('حراج پاییزه (copy)');
    const blank = await errorOf(client.campaigns.duplicate.mutate({ id: source.id, title: '  ' }));
    expect(blank.data.code).toBe('BAD_REQUEST');
  });
});

const STATUSES = ['PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'SKIPPED', 'READ', 'SENT'] as const;
const FIRST_NAMES = ['Ali', 'Sara', 'Reza', 'Zahra'];
const N = 100_000;

interface Row {
  id: number;
  phone: string;
  name: string | null;
  status: string;
  sentAt: Date | null;
}

describe('campaigns.recipients at 100,000 recipients', () => {
  let client: Client;
  let campaignId: number;
  let rows: Row[];

  beforeAll(async () => {
    const user = await signUp(server);
    client = user.client;
    const account = await client.whatsapp.create.mutate({ label: 'Big', driver: 'sandbox' });
    campaignId = (await campaign(client, account.id, 'Big list')).id;
    // Bulk INSERT straight into the table: 20 statements of 5,000 rows.
    const base = Date.UTC(2026, 0, 1);
    for (let start = 0; start < N; start += 5_000) {
      const values = [];
      for (let i = start; i < start + 5_000; i++) {
        const status = STATUSES[i % STATUSES.length]!;
        const sent = status !== 'PENDING' && status !== 'FAILED' && status !== 'SKIPPED';
        values.push({
          campaignId,
          phone: `+98912${String(i).padStart(7, '0')}`,
          // 500 names, each shared by 200 rows (ties), and some rows without a name.
          name: i % 97 === 0 ? null : `${FIRST_NAMES[i % 4]} ${String(i % 500).padStart(3, '0')}`,
          status,
          // Send times not in insertion order.
          sentAt: sent ? new Date(base + ((i * 7919) % N) * 1000) : null,
        });
      }
      await server.app.db.insert(recipients).values(values);
    }
    rows = await server.app.db
      .select({
        id: recipients.id,
        phone: recipients.phone,
        name: recipients.name,
        status: recipients.status,
        sentAt: recipients.sentAt,
      })
      .from(recipients)
      .where(eq(recipients.campaignId, campaignId))
      .orderBy(asc(recipients.id));
    expect(rows).toHaveLength(N);
  }, 120_000);

  type Query = Omit<Parameters<Client['campaigns']['recipients']['query']>[0], 'campaignId' | 'cursor'>;

  /** The first `pages` pages through the API, as ids. */
  async function walk(query: Query, pages: number): Promise<{ ids: number[]; done: boolean }> {
    const ids: number[] = [];
    let cursor: number | null = null;
    for (let i = 0; i < pages; i++) {
      const page = await client.campaigns.recipients.query({ ...query, campaignId, cursor });
      ids.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      if (cursor === null) return { ids, done: true };
    }
    return { ids, done: false };
  }

  const byKey =
    <K>(key: (r: Row) => K, dir: 'asc' | 'desc') =>
    (a: Row, b: Row) => {
      const ka = key(a);
      const kb = key(b);
      const order = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
      return dir === 'asc' ? order : -order;
    };

  it('sorts by name (descending, empty names last) across pages, ties broken by id', async () => {
    const expected = [...rows].sort(byKey((r) => r.name ?? '', 'desc')).map((r) => r.id);
    const { ids } = await walk({ sort: { by: 'name', dir: 'desc' }, limit: 500 }, 3);
    expect(ids).toEqual(expected.slice(0, 1500));
    // The last page ends with the rows without a name.
    const tail = await client.campaigns.recipients.query({
      campaignId,
      sort: { by: 'name', dir: 'desc' },
      cursor: expected[N - 3],
      limit: 10,
    });
    expect(tail.items.map((r) => r.id)).toEqual(expected.slice(N - 2));
    expect(tail.items.every((r) => r.name === null)).toBe(true);
    expect(tail.nextCursor).toBeNull();
  });

  it('sorts sent times newest first within a tab of several statuses', async () => {
    const sent = new Set(['SENT', 'DELIVERED', 'READ']);
    const expected = rows
      .filter((r) => sent.has(r.status))
      .sort(byKey((r) => r.sentAt!.getTime(), 'desc'))
      .map((r) => r.id);
    const { ids } = await walk(
      { statuses: ['SENT', 'DELIVERED', 'READ'], sort: { by: 'sentAt', dir: 'desc' }, limit: 200 },
      4,
    );
    expect(ids).toEqual(expected.slice(0, 800));
  });

  it('finds by digits inside the number (local form, Persian digits) or by part of the name', async () => {
    // "0912 00012" is +98 912 00012…: the hundred numbers +989120001200 … +989120001299.
    const expectedPhones = rows.filter((r) => r.phone.includes('91200012')).map((r) => r.id);
    const local = await walk({ search: '0912 00012', limit: 50 }, 10);
    expect(local.done).toBe(true);
    expect(local.ids).toEqual(expectedPhones);
    const persian = await walk({ search: '۰۹۱۲۰۰۰۱۲', limit: 500 }, 2);
    expect(persian.ids).toEqual(expectedPhones);

    const expectedNames = rows
      .filter((r) => r.name?.toLowerCase().includes('zahra 49') && r.status === 'READ')
      .sort(byKey((r) => r.phone, 'desc'))
      .map((r) => r.id);
    expect(expectedNames.length).toBeGreaterThan(100);
    const named = await walk(
      { search: 'zahra 49', status: 'READ', sort: { by: 'phone', dir: 'desc' }, limit: 100 },
      10,
    );
    expect(named.done).toBe(true);
    expect(named.ids).toEqual(expectedNames);
    expect((await walk({ search: 'nobody%', limit: 10 }, 1)).ids).toEqual([]);
  });

  it('sorts by status in the lifecycle order, deep in the list, and by phone', async () => {
    const order = ['PENDING', 'SENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'SKIPPED'];
    const byStatus = [...rows].sort(byKey((r) => order.indexOf(r.status), 'desc')).map((r) => r.id);
    // Deep into the list: the boundary between READ and DELIVERED rows.
    const reads = rows.filter((r) => r.status === 'READ').length;
    const skippedAndFailed = rows.filter((r) => r.status === 'SKIPPED' || r.status === 'FAILED').length;
    const cut = skippedAndFailed + reads - 5;
    const page = await client.campaigns.recipients.query({
      campaignId,
      sort: { by: 'status', dir: 'desc' },
      cursor: byStatus[cut - 1],
      limit: 10,
    });
    expect(page.items.map((r) => r.id)).toEqual(byStatus.slice(cut, cut + 10));
    expect(page.items.map((r) => r.status)).toEqual([
      ...Array(5).fill('READ'),
      ...Array(5).fill('DELIVERED'),
    ]);

    const byPhone = (await walk({ sort: { by: 'phone', dir: 'asc' }, limit: 500 }, 2)).ids;
    expect(byPhone).toEqual(rows.slice(0, 1000).map((r) => r.id));
  });

  it('refuses a cursor from another campaign instead of starting over', async () => {
    const otherId = (await campaign(client, (await client.whatsapp.list.query())[0]!.id, 'Small')).id;
    await client.campaigns.addRecipients.mutate({
      campaignId: otherId,
      recipients: [{ phone: '09350000000' }],
    });
    const page = await client.campaigns.recipients.query({ campaignId: otherId, cursor: rows[0]!.id });
    expect(page).toEqual({ items: [], nextCursor: null });
  });

  it('rejects a search longer than 100 characters with a readable message', async () => {
    const error = await errorOf(client.campaigns.recipients.query({ campaignId, search: 'x'.repeat(101) }));
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/at most 100 characters/);
  });
});
