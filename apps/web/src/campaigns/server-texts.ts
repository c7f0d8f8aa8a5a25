import type { PauseCause } from '@chapar/domain';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';

/**
 * The engine stores why a recipient was not sent and why a campaign paused as English text
 * (the API's language). The ones it writes itself are recognised here and shown in the
 * page's language; anything else (a driver's own words) is shown as the server wrote it.
 */
const RECIPIENT_ERRORS: Array<[prefix: string, key: MessageKey]> = [
  ['Not on WhatsApp', 'campaigns.recipientError.notOnWhatsApp'],
  ['Opted out', 'campaigns.recipientError.optedOut'],
  ['Campaign cancelled', 'campaigns.recipientError.cancelled'],
  ['The account changed while this send was in progress', 'campaigns.recipientError.accountChanged'],
  ['The server stopped during this send', 'campaigns.recipientError.interrupted'],
  ['WhatsApp reported', 'campaigns.recipientError.rejected'],
];

export function recipientErrorKey(error: string): MessageKey | null {
  return RECIPIENT_ERRORS.find(([prefix]) => error.startsWith(prefix))?.[1] ?? null;
}

const PAUSE_KEYS: Record<Exclude<PauseCause, 'USER'>, MessageKey> = {
  ACCOUNT: 'campaigns.paused.ACCOUNT',
  LOGGED_OUT: 'campaigns.paused.LOGGED_OUT',
  QUOTA: 'campaigns.paused.QUOTA',
  ERRORS: 'campaigns.paused.ERRORS',
};

/**
 * Why a campaign is paused, as a dictionary key, from its cause; a pause by a person
 * keeps its reason unless it is the plain "Paused by you." (an admin's reason is theirs).
 */
export function pauseReasonKey(cause: PauseCause | null, reason: string | null): MessageKey | null {
  if (cause === null) return null;
  if (cause === 'USER')
    return reason === null || reason === 'Paused by you.' ? 'campaigns.paused.USER' : null;
  return PAUSE_KEYS[cause];
}

/** Why a pasted or imported number was refused (the shared phone rules' reasons). */
const REJECTION_KEYS: Record<string, MessageKey> = {
  'empty phone number': 'campaigns.rejection.empty',
  'not a phone number': 'campaigns.rejection.notPhone',
  'not a valid phone number': 'campaigns.rejection.invalid',
  'none of its numbers is a valid phone number': 'campaigns.rejection.noneValid',
};

export function rejectionReasonKey(reason: string): MessageKey | null {
  return REJECTION_KEYS[reason] ?? null;
}

/** The reason in the page's language when it is one of the phone rules', else as written. */
export function rejectionReasonText(reason: string, t: Translate): string {
  const key = rejectionReasonKey(reason);
  return key ? t(key) : reason;
}
