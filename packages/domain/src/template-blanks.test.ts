import { describe, expect, it } from 'vitest';
import { parseTemplate } from './template';
import { blankVariables } from './template-blanks';

const blanks = (message: string, values: Record<string, string | null>, known: string[] = []) =>
  blankVariables(parseTemplate(message).template, values, known);

describe('blankVariables', () => {
  it('names the fallback-less variables a recipient leaves blank, each once, inside variants too', () => {
    expect(
      blanks('Hi {{name}}, {Hello|Hey {{name}}} from {{city}}', { name: ' ', city: '' }, ['city']),
    ).toEqual(['name', 'city']);
  });

  it('ignores variables with a fallback, filled ones and unknown columns', () => {
    expect(
      blanks('Hi {{name|friend}} from {{city}} {{coupon}}', { name: null, city: 'Shiraz' }, ['city']),
    ).toEqual([]);
    expect(blanks('{{نام}}', { name: 'Ali' })).toEqual([]);
    expect(blanks('{{نام}}', { name: null })).toEqual(['نام']);
  });
});
