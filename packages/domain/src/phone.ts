import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

const PERSIAN_ZERO = 0x06f0; // ۰
const ARABIC_INDIC_ZERO = 0x0660; // ٠

/** Replaces Persian (۰–۹) and Arabic-Indic (٠–٩) digits with ASCII ones. */
export function toAsciiDigits(input: string): string {
  return input.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => {
    const code = d.charCodeAt(0);
    const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Normalises a phone number as people write it (spaces, dashes, brackets, `+`, `00`,
 * a national leading 0, Persian or Arabic digits) to E.164, using libphonenumber-js's
 * full metadata so that numbers of the wrong length or range are refused.
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'IR'): PhoneResult {
  return iranianMobile(raw, defaultCountry) ?? normalizeWithMetadata(raw, defaultCountry);
}

/** `normalizePhone` without the fast path: libphonenumber-js on every number. */
export function normalizeWithMetadata(raw: string, defaultCountry: CountryCode = 'IR'): PhoneResult {
  const trimmed = toAsciiDigits(String(raw ?? ''))
    .replace(/[\u200c\u200e\u200f\u202a-\u202e]/g, '') // zero-width and direction marks from RTL editors
    .replace(/\s+/g, ' ') // tabs, line breaks inside a spreadsheet cell, wide spaces
    .trim();
  if (trimmed === '') return { ok: false, reason: 'empty phone number' };
  if (/[^\d\s\-+()./]/.test(trimmed)) return { ok: false, reason: 'not a phone number' };
  // "00" is the international prefix in Iran and most of the world.
  const international = trimmed.replace(/^\s*00/, '+');
  const parsed = parsePhoneNumberFromString(international, defaultCountry);
  if (!parsed?.isValid()) return { ok: false, reason: 'not a valid phone number' };
  return { ok: true, e164: parsed.number };
}

// --- the fast path for the shape nearly every row of an Iranian list has ---------------------
//
// Parsing with the full metadata costs ~11 µs a number, most of a million-row import. Almost
// every row is an Iranian mobile written 09121234567, 9121234567 (a number cell that lost its
// 0), +989121234567 or 00989121234567. For a 10-digit national number starting with 9,
// libphonenumber-js's verdict (valid or not, and of which type) depends only on its first six
// digits: each of Iran's number patterns is a fixed prefix of at most six digits followed by
// free digits (`…\d{5}` for mobiles, `94…\d{4}` for the fixed lines in that range). So the
// verdict is asked of libphonenumber-js once per prefix, on the first number seen with it, and
// reused: the answer is libphonenumber-js's own by construction (phone.property.test.ts checks
// it against the full parse over every prefix and random numbers).

const IRAN_MOBILE_SHAPE = /^(?:\+98|0098|0)?(9\d{9})$/;
const PREFIX_DIVISOR = 10_000; // 10-digit national number → its first six digits
/** Per six-digit prefix: null when invalid, else whether the type counts as a mobile. */
const iranianVerdicts = new Map<number, { mobile: boolean } | null>();

function iranianVerdict(national: string): { mobile: boolean } | null {
  const prefix = Math.floor(Number(national) / PREFIX_DIVISOR);
  let verdict = iranianVerdicts.get(prefix);
  if (verdict === undefined) {
    const parsed = parsePhoneNumberFromString(`+98${national}`);
    const type = parsed?.isValid() ? parsed.getType() : undefined;
    verdict = parsed?.isValid() ? { mobile: type !== undefined && MOBILE_TYPES.has(type) } : null;
    iranianVerdicts.set(prefix, verdict);
  }
  return verdict;
}

/** The fast path's answer, or null when `raw` is not of its shape (the full parse decides). */
function iranianMobile(raw: string, defaultCountry: CountryCode): PhoneResult | null {
  if (raw.length < 10 || raw.length > 14) return null;
  const match = IRAN_MOBILE_SHAPE.exec(raw);
  if (!match) return null;
  const national = match[1] as string;
  // Without +98 or 0098 the number is Iranian only when Iran is the default country.
  const international = raw.charCodeAt(0) === 0x2b || raw.startsWith('0098');
  if (!international && defaultCountry !== 'IR') return null;
  return iranianVerdict(national)
    ? { ok: true, e164: `+98${national}` }
    : { ok: false, reason: 'not a valid phone number' };
}

/** A two-letter region libphonenumber-js knows (IR, CA, DE, ...). */
export function isCountryCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}
export type { CountryCode } from 'libphonenumber-js/max';

export type PhonePick =
  | {
      ok: true;
      e164: string /** The cell's other numbers (E.164 when valid, else as written). */;
      others: string[];
    }
  | { ok: false; reason: string };

/**
 * Between numbers in one cell: Google Contacts joins them with " ::: ", people with `;`, `,`,
 * `/` (also the Persian ، and ؛) or a line break. A lone space or dash is not a separator: it
 * is how numbers are written.
 */
const PHONE_SEPARATORS = /\s*:::\s*|[;,/\n\r\u060c\u061b]/;

/** libphonenumber cannot tell mobiles from landlines in some countries (US, CA): both count. */
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/** Whether a valid E.164 number is a mobile (or may be one, where the metadata cannot tell). */
export function isMobile(e164: string): boolean {
  if (e164.length === 13 && e164.startsWith('+989')) return iranianVerdict(e164.slice(3))?.mobile ?? false;
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type !== undefined && MOBILE_TYPES.has(type);
}

/** A cell's numbers: split at the separators, or the whole cell when only it reads as one. */
function numbersIn(cell: string, country: CountryCode): Array<{ part: string; result: PhoneResult }> {
  const parts = cell
    .split(PHONE_SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const results = parts.map((part) => ({ part, result: normalizePhone(part, country) }));
  if (parts.length > 1 && !results.some((r) => r.result.ok)) {
    const whole = normalizePhone(cell, country);
    if (whole.ok) return [{ part: cell.trim(), result: whole }];
  }
  return results;
}

/**
 * The recipient's number from the cells that may hold it (one, or Outlook's Mobile, Business
 * and Home Phone in that order), each possibly holding several: the first mobile, else the
 * first valid one. The rest are returned so that the caller reports them rather than dropping
 * them silently. A cell that only reads as one number (`021/8888 7777`) is that number.
 */
export function pickPhone(cells: string | readonly string[], defaultCountry: CountryCode = 'IR'): PhonePick {
  if (typeof cells === 'string' && !PHONE_SEPARATORS.test(cells)) {
    const single = normalizePhone(cells, defaultCountry); // the usual cell, without the splitting
    return single.ok ? { ok: true, e164: single.e164, others: [] } : single;
  }
  const all = (typeof cells === 'string' ? [cells] : cells).flatMap((cell) =>
    numbersIn(cell, defaultCountry),
  );
  const valid = all.flatMap((r) => (r.result.ok ? [r.result.e164] : []));
  if (valid.length === 0) {
    if (all.length === 0) return { ok: false, reason: 'empty phone number' };
    if (all.length === 1) return all[0]?.result as PhonePick;
    return { ok: false, reason: 'none of its numbers is a valid phone number' };
  }
  const chosen = valid.length === 1 ? (valid[0] as string) : (valid.find(isMobile) ?? (valid[0] as string));
  const others: string[] = [];
  for (const { part, result } of all) {
    const shown = result.ok ? result.e164 : part;
    if (shown !== chosen && !others.includes(shown)) others.push(shown);
  }
  return { ok: true, e164: chosen, others };
}
