/** Countries offered first for phone numbers; any other two-letter code can be typed. */
export const COMMON_COUNTRIES = ['IR', 'AF', 'TR', 'AE', 'IQ', 'DE', 'GB', 'US', 'CA'] as const;

/** The country's name in the page's language (`Iran`, `ایران`), or the code when unknown. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function isCommonCountry(code: string): boolean {
  return (COMMON_COUNTRIES as readonly string[]).includes(code);
}
