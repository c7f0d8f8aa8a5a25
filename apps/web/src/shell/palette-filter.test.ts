import { describe, expect, it } from 'vitest';
import { filterPalette } from './palette-filter';

const items = [
  { id: 'page:/campaigns', label: 'Campaigns', keywords: ['کمپین‌ها'] },
  { id: 'page:/whatsapp', label: 'WhatsApp accounts', keywords: ['حساب‌های واتس‌اپ'] },
  { id: 'campaign:12', label: 'Spring sale', keywords: ['#12'] },
  { id: 'campaign:13', label: 'تخفیف یلدا', keywords: ['#13'] },
  { id: 'campaign:14', label: 'Sale: last call', keywords: ['#14'] },
];
const ids = (query: string) => filterPalette(items, query).map((i) => i.id);

describe('command palette filtering', () => {
  it('shows everything for an empty query', () => {
    expect(ids('  ')).toHaveLength(items.length);
  });

  it('matches every word, in any case, in label or keywords', () => {
    expect(ids('spring SALE')).toEqual(['campaign:12']);
    expect(ids('کمپین')).toEqual(['page:/campaigns']);
    expect(ids('nothing like this')).toEqual([]);
  });

  it('puts labels that start with the query first', () => {
    expect(ids('sale')).toEqual(['campaign:14', 'campaign:12']);
  });

  it('finds Persian typed with Arabic letters, and ids typed with Persian digits', () => {
    // ي and ك from an Arabic keyboard; ۱۳ in Persian digits.
    expect(ids('يلدا')).toEqual(['campaign:13']);
    expect(ids('#۱۳')).toEqual(['campaign:13']);
  });
});
