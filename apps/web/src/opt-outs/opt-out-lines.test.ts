import { describe, expect, it } from 'vitest';
import { chunks, parseOptOutLines } from './opt-out-lines';
import { searchTerm } from './opt-outs-page';

describe('parseOptOutLines', () => {
  it('takes one number per line and drops blanks', () => {
    expect(parseOptOutLines(' 0912 123 4567 \n\n+98 935 765 4321\r\n')).toEqual([
      '0912 123 4567',
      '+98 935 765 4321',
    ]);
    expect(parseOptOutLines('09121234567, 09121234568;09121234569')).toHaveLength(3);
  });
});

describe('chunks', () => {
  it('splits into pieces of at most the size', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });
});

describe('searchTerm', () => {
  it('keeps digits and +, in ASCII', () => {
    expect(searchTerm('۰۹۱۲ ۱۲۳')).toBe('0912123');
    expect(searchTerm('+98-912')).toBe('+98912');
    expect(searchTerm('  ')).toBeUndefined();
    expect(searchTerm('abc')).toBeUndefined();
  });
});
