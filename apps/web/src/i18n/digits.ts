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
