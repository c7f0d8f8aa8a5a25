import type { SessionManager } from '../whatsapp/session-manager';
import type { LeaseView } from './account-worker';
import type { EngineStore } from './store';

/**
 * Scheduled campaigns whose time came start (or pause with the reason they cannot). Each
 * account's owner starts its own; a campaign whose account has no live owner cannot send,
 * so any worker pauses it (transitions are guarded, so two doing it at once is harmless).
 */
export async function startDueScheduled(o: {
  store: EngineStore;
  leases: LeaseView;
  sessions: SessionManager;
  now: Date;
}): Promise<void> {
  for (const c of await o.store.dueScheduled(o.now)) {
    const mine = c.accountId != null && o.leases.holds(c.accountId);
    if (!mine && c.owned) continue;
    if (!mine || !o.sessions.readyDriver(c.accountId!)) {
      await o.store.transition(c.id, 'pause', {
        pauseCause: 'ACCOUNT',
        pausedReason: 'The scheduled time came but the WhatsApp account was not linked. Link it and resume.',
        pausedParams: { status: null, detail: null, scheduled: true },
      });
    } else if (!(await o.store.hasUsableSubscription(c.userId, o.now))) {
      await o.store.transition(c.id, 'pause', {
        pauseCause: 'QUOTA',
        pausedReason: 'No active subscription with messages left. Renew your package and resume.',
        pausedParams: { kind: 'NONE', endedAt: null },
      });
    } else {
      await o.store.transition(c.id, 'due');
    }
  }
}
