import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './detect-delimiter';

describe('detectDelimiter', () => {
  it.each([
    ['comma', 'phone,name,city\n0912,Ali,Tehran\n0913,Sara,Qom\n', ','],
    ['semicolon with commas inside names', 'phone;name\n0912;Rezaei, Ali\n0913;Karimi, Sara, Dr\n', ';'],
    ['tab', 'phone\tname\tnote\n0912\tAli\ta, b; c\n', '\t'],
    ['pipe', 'phone|name\n0912|Ali\n', '|'],
    ['quoted delimiters do not count', 'phone;name\n0912;"Ali; the, first"\n0913;"B, C"\n', ';'],
    ['a quoted cell over two lines', 'phone;name\n0912;"line one,\nline two"\n0913;x\n', ';'],
    ['one column of numbers', '09121234567\n09121234568\n+98 912 123 4569\n', ','],
    ['a header only', 'phone;name;city', ';'],
    ['Persian text', 'شماره;نام\n۰۹۱۲۱۲۳۴۵۶۷;علی، رضا\n', ';'],
  ])('%s', (_, sample, expected) => {
    expect(detectDelimiter(sample, true)).toBe(expected);
  });

  it('ignores a last line cut off by the sample', () => {
    expect(detectDelimiter('a;b\n1;2\n3,4,5,6,7,8', false)).toBe(';');
  });

  it('defaults to a comma when nothing is consistent', () => {
    expect(detectDelimiter('', true)).toBe(',');
    expect(detectDelimiter('a\nb\nc;d\n', true)).toBe(',');
  });
});
