import { describe, expect, it } from 'vitest';
import type { Account } from '../trpc/trpc';
import { accountActions, withLiveStatus } from './account-status';

const account: Account = {
  id: 1,
  label: 'Sales',
  driver: 'sandbox',
  status: 'DISCONNECTED',
  error: null,
  phone: null,
  lastSeenAt: null,
  linkedAt: null,
  dailyLimit: 250,
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe('withLiveStatus', () => {
  it('keeps the listed account until an event arrives', () => {
    expect(withLiveStatus(account, undefined)).toEqual({ ...account, qr: null });
  });

  it('shows the QR only while the status is QR', () => {
    expect(withLiveStatus(account, { status: 'QR', qr: 'code-1' }).qr).toBe('code-1');
    expect(withLiveStatus(account, { status: 'READY', qr: 'stale', phone: '+989121234567' })).toMatchObject({
      status: 'READY',
      qr: null,
      phone: '+989121234567',
    });
  });

  it('carries the error text with FAILED and drops it otherwise', () => {
    expect(withLiveStatus(account, { status: 'FAILED', error: 'net::ERR' }).error).toBe('net::ERR');
    expect(withLiveStatus({ ...account, error: 'old' }, { status: 'CONNECTING' }).error).toBeNull();
  });
});

describe('accountActions', () => {
  it('offers connect when not linked and disconnect while linking or linked', () => {
    expect(accountActions('DISCONNECTED')).toEqual(['connect', 'logout', 'remove']);
    expect(accountActions('QR')).toEqual(['disconnect', 'remove']);
    expect(accountActions('READY')).toEqual(['disconnect', 'logout', 'remove']);
    expect(accountActions('FAILED')).toEqual(['connect', 'logout', 'remove']);
  });
});
