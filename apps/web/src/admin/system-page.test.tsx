import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { SystemPage } from './system-page';
import type { SystemReport } from './types';

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
    workers: [],
    server: {
      version: '0.1.0',
      startedAt: '2025-03-01T09:55:00.000Z',
      uptimeSeconds: 7_500,
      node: 'v22.0.0',
    },
    ...overrides,
  };
}

describe('SystemPage', () => {
  it('reports database, engine, accounts, traffic and uptime', async () => {
    renderWithProviders(<SystemPage />, { language: 'en', api: { 'admin.system': () => report() } });
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
          }),
      },
    });
    const database = await screen.findByTestId('system-database');
    expect(database.getAttribute('data-ok')).toBe('false');
    expect(database.textContent).toContain('در دسترس نیست');
    expect(screen.getByTestId('system-engine').textContent).toContain('از کار افتاده');
    expect(screen.getByTestId('system-accounts').textContent).toContain('نامعلوم');
    expect(document.body.textContent).not.toContain('ECONNREFUSED');
  });
});
