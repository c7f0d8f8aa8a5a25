import { latinDigits } from '../i18n/digits';

export interface PaletteItem {
  id: string;
  label: string;
  /** Other words that find it (the page's name in the other language, a campaign's id). */
  keywords?: string[];
}

/**
 * Lower case, Arabic ي/ك as Persian ی/ک, any digits as 0–9, no zero-width joiners:
 * the ways the same Persian word is typed on different keyboards all compare equal.
 */
export function searchable(text: string): string {
  return latinDigits(text)
    .toLowerCase()
    .replace(/ي/g, 'ی')
    .replace(/ى/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/\u200c|\u200d|\u200e|\u200f/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The items whose label or keywords contain every word of the query; labels that start with it first. */
export function filterPalette<T extends PaletteItem>(items: readonly T[], query: string): T[] {
  const words = searchable(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...items];
  const matches = items.filter((item) => {
    const haystack = searchable([item.label, ...(item.keywords ?? [])].join(' '));
    return words.every((word) => haystack.includes(word));
  });
  const first = searchable(query);
  const starts = (item: T) => (searchable(item.label).startsWith(first) ? 0 : 1);
  return matches
    .map((item, index) => ({ item, index }))
    .sort((a, b) => starts(a.item) - starts(b.item) || a.index - b.index)
    .map(({ item }) => item);
}
