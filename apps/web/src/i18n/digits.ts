import { toAsciiDigits } from '@chapar/api/domain';

/**
 * What a person typed into a numeric field, as a whole number: Persian (۰–۹) and
 * Arabic-Indic (٠–٩) digits count like 0–9, and thousands separators (`,` `٬` `،`) and
 * spaces are ignored. Anything else, or nothing, is null.
 */
export function parseLocaleInteger(text: string): number | null {
  const plain = toAsciiDigits(text).replace(/[\s,\u066C\u060C\u200c\u200e\u200f]/g, '');
  if (!/^\d+$/.test(plain)) return null;
  const value = Number(plain);
  return Number.isSafeInteger(value) ? value : null;
}

/** A phone number as typed, with Persian or Arabic-Indic digits turned into 0–9. */
export function latinDigits(text: string): string {
  return toAsciiDigits(text);
}
