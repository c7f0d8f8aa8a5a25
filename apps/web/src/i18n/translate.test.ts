import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import { fa } from './fa';
import { translate } from './translate';

const persianNumber = (n: number) => new Intl.NumberFormat('fa-IR').format(n);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translate', () => {
  it('fills placeholders and formats numbers for the language', () => {
    expect(translate(en, 'report.summary', { added: 3, skipped: 0, invalid: 1 }, String)).toBe(
      'Added 3, skipped 0, invalid 1.',
    );
    expect(translate(fa, 'campaigns.sentOf', { sent: 3, total: 10 }, persianNumber)).toBe('۳ از ۱۰');
  });

  it('leaves unknown placeholders as written', () => {
    expect(translate(en, 'campaigns.sentOf', { sent: 1 }, String)).toBe('1 of {total}');
  });
});

describe('the Persian dictionary', () => {
  const keys = Object.keys(en) as MessageKey[];

  it('translates every English string', () => {
    for (const key of keys) expect(fa[key].trim(), key).not.toBe('');
    expect(Object.keys(fa).sort()).toEqual([...keys].sort());
  });

  it('keeps the same placeholders as English', () => {
    for (const key of keys) expect(placeholders(fa[key]), key).toEqual(placeholders(en[key]));
  });
});
