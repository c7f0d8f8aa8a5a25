import { describe, expect, it } from 'vitest';
import { whatsappSegments } from './whatsapp-format';

describe('whatsappSegments', () => {
  it('finds bold, italic, strike and mono runs', () => {
    expect(whatsappSegments('Hi *Ali*, _today_ ~only~ ```code```!')).toEqual([
      { text: 'Hi ', style: null },
      { text: 'Ali', style: 'bold' },
      { text: ', ', style: null },
      { text: 'today', style: 'italic' },
      { text: ' ', style: null },
      { text: 'only', style: 'strike' },
      { text: ' ', style: null },
      { text: 'code', style: 'mono' },
      { text: '!', style: null },
    ]);
  });

  it('works with Persian text', () => {
    expect(whatsappSegments('سلام *علی* جان')).toEqual([
      { text: 'سلام ', style: null },
      { text: 'علی', style: 'bold' },
      { text: ' جان', style: null },
    ]);
  });

  it('leaves markers glued to words, spaced inside or spanning lines as text', () => {
    for (const text of ['2*3*4', 'snake_case_name', '* not bold *', '*one\ntwo*', 'a single * star']) {
      expect(whatsappSegments(text)).toEqual([{ text, style: null }]);
    }
  });

  it('keeps newlines and an empty text', () => {
    expect(whatsappSegments('a\n\nb')).toEqual([{ text: 'a\n\nb', style: null }]);
    expect(whatsappSegments('')).toEqual([]);
  });
});
