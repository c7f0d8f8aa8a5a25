import { describe, expect, it } from 'vitest';
import { statusAnnouncement } from './status-notifications';

describe('account status notifications', () => {
  it('stays quiet on the first event, which is only the current state', () => {
    expect(statusAnnouncement(undefined, { status: 'READY' })).toBeNull();
  });

  it('announces a finished link, a failure and a lost connection', () => {
    expect(statusAnnouncement('QR', { status: 'READY' })).toBe('linked');
    expect(statusAnnouncement('CONNECTING', { status: 'FAILED', error: 'x' })).toBe('failed');
    expect(statusAnnouncement('READY', { status: 'CONNECTING' })).toBe('lost');
  });

  it('does not announce what the user just did or a refreshed QR', () => {
    expect(statusAnnouncement('READY', { status: 'DISCONNECTED' })).toBeNull();
    expect(statusAnnouncement('QR', { status: 'QR', qr: 'new' })).toBeNull();
    expect(statusAnnouncement('DISCONNECTED', { status: 'CONNECTING' })).toBeNull();
  });
});
