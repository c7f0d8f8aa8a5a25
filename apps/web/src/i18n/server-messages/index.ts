import { account } from './account';
import { billing } from './billing';
import { campaigns } from './campaigns';
import { imports } from './imports';
import type { MessageArea, Pattern } from './shared';
import { validation } from './validation';

/**
 * The server explains refusals in English (the typed client's users read them too). In the
 * Persian interface the messages a person meets in the app are said in Persian: exact
 * messages first, then the shapes with a variable part (whose numbers, names and states are
 * carried into the Persian sentence). Anything unknown stays as sent, isolated by `<bdi>`
 * where it is shown. The areas live side by side in this folder; the test beside this
 * folder reads the server's sources and fails when a message has no Persian here.
 */
const AREAS: MessageArea[] = [account, campaigns, imports, billing, validation];

const EXACT: Record<string, string> = Object.assign({}, ...AREAS.map((area) => area.exact));

/** What `notFound('…')` names on the server ("Campaign not found."). */
export const THINGS: Record<string, string> = {
  'WhatsApp account': 'حساب واتس‌اپ',
  'API key': 'کلید API',
  Campaign: 'کمپین',
  Recipient: 'گیرنده',
  'Opt-out': 'شماره‌ی لغو اشتراک',
  User: 'کاربر',
  Package: 'بسته',
  Payment: 'پرداخت',
  Webhook: 'وب‌هوک',
  Delivery: 'ارسال وب‌هوک',
};

const PATTERNS: Pattern[] = [
  [/^(.+) not found\.$/, (m) => (THINGS[m[1]!] ? `${THINGS[m[1]!]} پیدا نشد.` : null)],
  ...AREAS.flatMap((area) => area.patterns),
];

/** Persian for a server message, or null when it is not known. */
function persian(message: string, depth = 0): string | null {
  const exact = EXACT[message];
  if (exact) return exact;
  if (depth > 2) return null;
  const inner = (text: string) => persian(text, depth + 1);
  for (const [pattern, say] of PATTERNS) {
    const match = message.match(pattern);
    const said = match && say(match, inner);
    if (said) return said;
  }
  return null;
}

export function localizeServerMessage(message: string, language: string): string {
  if (language !== 'fa') return message;
  return persian(message) ?? message;
}

/** The interface's language right now (the provider keeps `<html lang>` in step with it). */
export function documentLanguage(): string {
  return typeof document === 'undefined' ? 'en' : document.documentElement.lang;
}
