import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';

/** Why a pasted or imported number was refused, by the server's code (domain/phone.ts, PhoneProblem). */
const PROBLEM_KEYS: Record<string, MessageKey> = {
  EMPTY: 'campaigns.rejection.empty',
  NOT_A_PHONE: 'campaigns.rejection.notPhone',
  INVALID: 'campaigns.rejection.invalid',
  NONE_VALID: 'campaigns.rejection.noneValid',
};

/** The refusal in the page's language; a code this build does not know keeps the server's words. */
export function rejectionText(rejected: { reason: string; problem?: string | null }, t: Translate): string {
  const key = rejected.problem ? PROBLEM_KEYS[rejected.problem] : undefined;
  return key ? t(key) : rejected.reason;
}
