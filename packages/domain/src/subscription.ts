/**
 * When a subscription warns its owner: at 80% of its messages used, and in its last three
 * days. Shared by the server (the emails, each sent once) and the SPA (the banner).
 */
export const USAGE_WARNING_RATIO = 0.8;
export const EXPIRY_WARNING_DAYS = 3;
const DAY_MS = 86_400_000;

export interface SubscriptionNumbers {
  startsAt: Date;
  expiresAt: Date;
  messageLimit: number;
  messagesUsed: number;
}

export interface SubscriptionStanding {
  /** In force now with messages left: sends are allowed. */
  active: boolean;
  messagesLeft: number;
  /** Whole days until it ends, rounded up; 0 once expired. */
  daysLeft: number;
  /** 80% or more of the messages are used (and it is still in force). */
  usageWarning: boolean;
  /** It ends within three days (and is still in force). */
  expiryWarning: boolean;
}

export function subscriptionStanding(s: SubscriptionNumbers, now: Date): SubscriptionStanding {
  const inForce = s.startsAt <= now && s.expiresAt > now;
  const messagesLeft = Math.max(0, s.messageLimit - s.messagesUsed);
  const msLeft = s.expiresAt.getTime() - now.getTime();
  return {
    active: inForce && messagesLeft > 0,
    messagesLeft,
    daysLeft: inForce ? Math.ceil(msLeft / DAY_MS) : 0,
    usageWarning: inForce && s.messageLimit > 0 && s.messagesUsed >= s.messageLimit * USAGE_WARNING_RATIO,
    expiryWarning: inForce && msLeft <= EXPIRY_WARNING_DAYS * DAY_MS,
  };
}
