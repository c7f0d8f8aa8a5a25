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

/** A two-letter region libphonenumber-js knows (IR, CA, DE, ...). */
export function isCountryCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}
export type { CountryCode } from 'libphonenumber-js/max';
