import type { MessageKey } from '../i18n/en';
import type { I18n } from '../i18n/i18n-provider';
import type { AuditEntry } from './types';

const ACTION_KEYS: Record<string, MessageKey> = {
  'user.ban': 'admin.audit.a.user.ban',
  'user.unban': 'admin.audit.a.user.unban',
  'user.status': 'admin.audit.a.user.status',
  'user.role': 'admin.audit.a.user.role',
  'package.create': 'admin.audit.a.package.create',
  'package.update': 'admin.audit.a.package.update',
  'package.deactivate': 'admin.audit.a.package.deactivate',
  'package.activate': 'admin.audit.a.package.activate',
  'campaign.pause': 'admin.audit.a.campaign.pause',
  'campaign.cancel': 'admin.audit.a.campaign.cancel',
  'subscription.grant': 'admin.audit.a.subscription.grant',
  'payment.approve': 'admin.audit.a.payment.approve',
  'payment.reject': 'admin.audit.a.payment.reject',
};

/** The actions the log's filter offers, in the order above. */
export const KNOWN_ACTIONS = Object.keys(ACTION_KEYS);

const TARGET_KEYS: Record<string, MessageKey> = {
  user: 'admin.audit.target.user',
  package: 'admin.audit.target.package',
  campaign: 'admin.audit.target.campaign',
  payment: 'admin.audit.target.payment',
  subscription: 'admin.audit.target.subscription',
};

/** Enum values the log stores (roles, statuses) in the reader's language; others as stored. */
const VALUE_KEYS: Record<string, MessageKey> = {
  USER: 'admin.role.USER',
  ADMIN: 'admin.role.ADMIN',
  SUPER_ADMIN: 'admin.role.SUPER_ADMIN',
  ACTIVE: 'admin.userStatus.ACTIVE',
  INACTIVE: 'admin.userStatus.INACTIVE',
  BANNED: 'admin.userStatus.BANNED',
  RUNNING: 'campaignStatus.RUNNING',
  SCHEDULED: 'campaignStatus.SCHEDULED',
  PAUSED: 'campaignStatus.PAUSED',
  DRAFT: 'campaignStatus.DRAFT',
  READY: 'campaignStatus.READY',
};

type Describe = Pick<I18n, 't' | 'formatId'>;

export function actionLabel({ t }: Describe, action: string): string {
  const key = ACTION_KEYS[action];
  return key ? t(key) : action;
}

export function targetLabel(
  { t, formatId }: Describe,
  entry: Pick<AuditEntry, 'targetType' | 'targetId'>,
): string {
  const key = TARGET_KEYS[entry.targetType];
  if (!key || entry.targetId === null) return entry.targetType;
  return t(key, { id: formatId(entry.targetId) });
}

/** The one or two facts worth reading in a row: the change (from → to) and the reason. */
export function detailsLabel({ t }: Describe, details: AuditEntry['details']): string {
  if (!details) return '';
  const parts: string[] = [];
  const value = (v: unknown) => {
    const text = String(v);
    const key = VALUE_KEYS[text];
    return key ? t(key) : text;
  };
  if (typeof details.from === 'string' && typeof details.to === 'string') {
    parts.push(t('admin.audit.change', { from: value(details.from), to: value(details.to) }));
  }
  if (typeof details.reason === 'string' && details.reason !== '') {
    parts.push(t('admin.audit.reason', { reason: details.reason }));
  }
  if (typeof details.title === 'string') parts.push(details.title);
  return parts.join(' · ');
}
