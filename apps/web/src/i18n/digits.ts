/**
 * What a person typed into a numeric field, as a whole number: Persian (۰–۹) and
 * Arabic-Indic (٠–٩) digits count like 0–9, and thousands separators (`,` `٬` `،`) and
 * spaces are ignored. Anything else, or nothing, is null.
 */
export function parseLocaleInteger(text: string): number | null {
  const plain = latinDigits(text).replace(/[\s,\u066C\u060C\u200c\u200e\u200f]/g, '');
  if (!/^\d+$/.test(plain)) return null;
  const value = Number(plain);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * Persian and Arabic-Indic digits turned into 0–9. The same as the domain's `toAsciiDigits`,
 * kept here so the shell does not pull the phone-number library into the first load.
 */
export function latinDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

const PERSIAN_ZERO = 0x06f0;

/**
 * Text with the language's digits: 0–9 (and Arabic-Indic ones) become ۰–۹ in Persian, and
 * Persian ones 0–9 in English. For what a person reads or has typed into a field, so that
 * a Persian page never shows a Latin digit.
 */
export function localeDigits(text: string, language: 'en' | 'fa'): string {
  if (language === 'en') return latinDigits(text);
  return latinDigits(text).replace(/[0-9]/g, (d) => String.fromCharCode(PERSIAN_ZERO + Number(d)));
}
