import { describe, expect, it } from 'vitest';
import { neutralizeCell, stripBidiControls } from './text-safety';

describe('neutralizeCell', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+98 912', `'+98 912`],
    ['+1+cmd|calc', `'+1+cmd|calc`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['   =1+1', `'   =1+1`],
    ['\u00a0\u3000+1', `'\u00a0\u3000+1`],
    ['\uff1dSUM(A1)', `'\uff1dSUM(A1)`],
    ['\uff0b1', `'\uff0b1`],
    ['\uff0d1', `'\uff0d1`],
    ['\uff20A1', `'\uff20A1`],
  ])('prefixes %j with an apostrophe', (value, expected) => {
    expect(neutralizeCell(value)).toBe(expected);
  });

  it('leaves ordinary text, numbers and Persian alone', () => {
    for (const value of [
      '09121234567',
      'Ali',
      'علی رضایی',
      '',
      'a=b',
      'x -1',
      '\u200fعلی',
      '+989121234567',
      '-12',
    ]) {
      expect(neutralizeCell(value)).toBe(value);
    }
  });

  it('removes bidi controls, also when they hide a formula', () => {
    expect(neutralizeCell('Ali\u202egnp.exe')).toBe('Alignp.exe');
    expect(neutralizeCell('\u2066=1+1\u2069')).toBe(`'=1+1`);
  });
});

describe('stripBidiControls', () => {
  it('removes every embedding, override and isolate control and nothing else', () => {
    const controls = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    expect(stripBidiControls(`a${controls}b`)).toBe('ab');
    expect(stripBidiControls('سارا \u200e(Sara)')).toBe('سارا \u200e(Sara)');
  });
});
