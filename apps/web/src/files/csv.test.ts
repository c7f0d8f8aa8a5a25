import { describe, expect, it } from 'vitest';
import { quoteCell, toCsv, UTF8_BOM } from './csv';

describe('quoteCell', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(quoteCell('a,b')).toBe('"a,b"');
    expect(quoteCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCell('two\nlines')).toBe('"two\nlines"');
    expect(quoteCell('plain')).toBe('plain');
  });
});

describe('toCsv', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const csv = toCsv(['a', 'b'], [[1, 'x']]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('a,b\r\n1,x\r\n');
  });

  it('neutralises before quoting, so a formula with a comma stays inert', () => {
    expect(toCsv(['v'], [['=1,2']]).slice(1)).toBe(`v\r\n"'=1,2"\r\n`);
  });
});
