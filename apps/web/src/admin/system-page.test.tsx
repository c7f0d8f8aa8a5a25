import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { SystemPage } from './system-page';
import type { AccountOwner, SystemReport } from './types';

function report(overrides: Partial<SystemReport> = {}): SystemReport {
  const now = Date.parse('2025-03-01T12:00:00.000Z');
  return {
    database: { reachable: true, latencyMs: 3.4, migrationsCurrent: true, pendingMigrations: 0, error: null },
    engine: { alive: true, lastTickAgeMs: 420, runningCampaigns: 2 },
    accounts: { DISCONNECTED: 1, CONNECTING: 0, QR: 0, READY: 5, FAILED: 1 },
    messagesPerHour: Array.from({ length: 24 }, (_, i) => ({
      hour: new Date(now - (23 - i) * 3_600_000).toISOString(),
      sent: i,
      failed: i % 2,
    })),
    workers: [
      {
        id: 'node-a:3000',
        role: 'worker',
        host: 'node-a',
        pid: 101,
        startedAt: '2025-03-01T09:00:00.000Z',
        lastHeartbeatAt: '2025-03-01T11:59:58.000Z',
        alive: true,
        accountsHeld: 2,
        maxAccounts: 40,
        browsers: 3,
      },
      {
        id: 'node-b:3000',
        role: 'worker',
        host: 'node-b',
        pid: 102,
        startedAt: '2025-03-01T08:00:00.000Z',
        lastHeartbeatAt: '2025-03-01T11:40:00.000Z',
        alive: false,
        accountsHeld: 0,
        maxAccounts: 40,
        browsers: 1,
      },
    ],
    server: {
      version: '0.1.0',
      startedAt: '2025-03-01T09:55:00.000Z',
      uptimeSeconds: 7_500,
      node: 'v22.0.0',
    },
    ...overrides,
  };
}

const OWNERS: AccountOwner[] = [
  {
    id: 7,
    label: 'Shop line',
    phone: '+989121234567',
    status: 'READY',
    userId: 3,
    userName: 'Sara',
    userEmail: 'sara@example.com',
    owner: 'node-a:3000',
    leaseExpiresAt: '2025-03-01T12:00:20.000Z',
    leaseActive: true,
  },
  {
    id: 8,
    label: 'Support',
    phone: null,
    status: 'CONNECTING',
    userId: 4,
    userName: 'Omid',
    userEmail: 'omid@example.com',
    owner: 'node-b:3000',
    leaseExpiresAt: '2025-03-01T11:40:20.000Z',
    leaseActive: false,
  },
  {
    id: 9,
    label: 'Spare',
    phone: null,
    status: 'DISCONNECTED',
    userId: 4,
    userName: 'Omid',
    userEmail: 'omid@example.com',
    owner: null,
    leaseExpiresAt: null,
    leaseActive: false,
  },
];

/** The fake `admin.accountOwners`: filters and pages as the server does, and remembers what it was asked. */
function ownersApi() {
  const calls: Array<{ owner?: string | null; cursor?: number | null; limit: number }> = [];
  const handler = (input: unknown) => {
    const query = input as (typeof calls)[number];
    calls.push(query);
    const matching = OWNERS.filter((a) => !('owner' in query) || a.owner === query.owner).filter(
      (a) => a.id > (query.cursor ?? 0),
    );
    const items = matching.slice(0, 2);
    return { items, nextCursor: matching.length > 2 ? (items.at(-1)?.id ?? null) : null };
  };
  return { calls, handler };
}

describe('SystemPage', () => {
  it('reports database, engine, accounts, traffic and uptime', async () => {
    renderWithProviders(<SystemPage />, {
      language: 'en',
      api: { 'admin.system': () => report(), 'admin.accountOwners': ownersApi().handler },
    });
    const database = await screen.findByRole('region', { name: 'Database' });
    expect(database.textContent).toContain('Answered in 3 ms');
    expect(database.textContent).toContain('Migrations current');
    const engine = screen.getByRole('region', { name: 'Sending engine' });
    expect(engine.textContent).toContain('Last tick 0.4 s ago');
    expect(engine.textContent).toContain('2 campaigns running');
    const accounts = screen.getByRole('region', { name: 'WhatsApp accounts' });
    expect(within(accounts).getByText('Ready').parentElement?.getAttribute('data-value')).toBe('5');
    expect(screen.getByRole('region', { name: 'Server' }).textContent).toContain('Up for 2 h 5 min');
    expect(screen.getByTestId('system-totals').textContent).toBe('276 sent, 12 failed');
  });

  it('says plainly when the database is unreachable and the engine stalled', async () => {
    renderWithProviders(<SystemPage />, {
      language: 'fa',
      api: {
        'admin.accountOwners': ownersApi().handler,
        'admin.system': () =>
          report({
            database: {
              reachable: false,
              latencyMs: null,
              migrationsCurrent: null,
              pendingMigrations: null,
              error: 'ECONNREFUSED: connect',
            },
            engine: { alive: false, lastTickAgeMs: 65_000, runningCampaigns: null },
            accounts: null,
            messagesPerHour: [],
            workers: null,
          }),
      },
    });
    const database = await screen.findByTestId('system-database');
    expect(database.getAttribute('data-ok')).toBe('false');
    expect(database.textContent).toContain('در دسترس نیست');
    expect(screen.getByTestId('system-engine').textContent).toContain('از کار افتاده');
    expect(screen.getByTestId('system-accounts').textContent).toContain('نامعلوم');
    expect(screen.getByTestId('system-workers').textContent).toContain('نامعلوم');
    expect(document.body.textContent).not.toContain('ECONNREFUSED');
  });

  it('lists the workers: heartbeat, liveness, accounts held and browsers', async () => {
    renderWithProviders(<SystemPage />, {
      language: 'en',
      api: { 'admin.system': () => report(), 'admin.accountOwners': ownersApi().handler },
    });
    const table = await screen.findByRole('table', { name: 'Workers' });
    const [alive, silent] = within(table).getAllByRole('row').slice(1);
    expect(alive?.getAttribute('data-worker')).toBe('node-a:3000');
    expect(within(alive!).getByText('Alive')).toBeTruthy();
    expect(within(alive!).getByTestId('worker-held').textContent).toBe('2 of 40');
    expect(within(alive!).getByTestId('worker-browsers').textContent).toBe('3');
    expect(alive?.textContent).toContain('node-a');
    expect(within(silent!).getByText('Not heard from')).toBeTruthy();
    expect(silent?.getAttribute('data-alive')).toBe('false');
  });

  it('lists who holds each account, filtered by worker and paged', async () => {
    const owners = ownersApi();
    renderWithProviders(<SystemPage />, {
      language: 'en',
      api: { 'admin.system': () => report(), 'admin.accountOwners': owners.handler },
    });
    const table = await screen.findByRole('table', { name: 'Account owners' });
    const rows = () =>
      within(screen.getByRole('table', { name: 'Account owners' }))
        .getAllByRole('row')
        .slice(1);
    expect(rows().map((r) => r.getAttribute('data-account'))).toEqual(['7', '8']);
    expect(table.textContent).toContain('Sara');
    expect(table.textContent).toContain('sara@example.com');
    expect(rows()[1]?.textContent).toContain('Expired');
    // The third account is on the next page.
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(owners.calls.at(-1)).toMatchObject({ cursor: 8 });
    expect(rows()[2]?.textContent).toContain('Nobody');

    const filter = screen.getByRole('combobox', { name: 'Held by' });
    fireEvent.change(filter, { target: { value: 'w:node-a:3000' } });
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-account'))).toEqual(['7']));
    expect(owners.calls.at(-1)).toMatchObject({ owner: 'node-a:3000' });
    fireEvent.change(filter, { target: { value: 'none' } });
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-account'))).toEqual(['9']));
    expect(owners.calls.at(-1)).toMatchObject({ owner: null });
  });

  it('reads in Persian, right to left, with worker ids kept left to right', async () => {
    renderWithProviders(<SystemPage />, {
      language: 'fa',
      api: { 'admin.system': () => report(), 'admin.accountOwners': ownersApi().handler },
    });
    const workers = await screen.findByRole('table', { name: 'کارگزارها' });
    expect(document.documentElement.getAttribute('dir')).toBe('rtl');
    expect(workers.textContent).toContain('زنده');
    expect(workers.textContent).toContain('بی‌خبر');
    expect(within(workers).getByText('node-a:3000').getAttribute('dir')).toBe('ltr');
    const owners = await screen.findByRole('table', { name: 'صاحبان حساب‌ها' });
    expect(owners.textContent).toContain('منقضی از');
    expect(screen.getByRole('combobox', { name: 'در دست' })).toBeTruthy();
  });
});
