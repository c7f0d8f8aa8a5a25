/** The server takes at most this many numbers per call. */
export const OPT_OUT_BATCH = 10_000;

/** One number per line (commas and semicolons also separate); blanks dropped. */
export function parseOptOutLines(text: string): string[] {
  return text
    .split(/[\r\n,;،]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
