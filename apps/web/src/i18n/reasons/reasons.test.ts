import { REASON_CODES, REASONS, type Reason } from '@chapar/api/reasons';
import { describe, expect, it } from 'vitest';
import { reasonsEn, sayEn } from './en';
import { reasonsFa, sayFa } from './fa';
import type { Params } from './format';
import { issueText, reasonText } from './index';

/** The params a text reads, found by handing it a recording stand-in for its params. */
function paramsRead(text: (p: Params, say: typeof sayEn) => string, say: typeof sayEn): Set<string> {
  const read = new Set<string>();
  const params = new Proxy({} as Params, {
    get(_target, key) {
      if (typeof key === 'string') read.add(key);
      return undefined;
    },
  });
  text(params, say);
  return read;
}

/** A value of the kind each param carries, so a text can be rendered as a person would see it. */
const SAMPLE: Record<string, unknown> = {
  status: 'RUNNING',
  transition: 'pause',
  variables: ['city'],
  sheets: ['Sheet1', 'VIP'],
  retryAfter: 900,
  maxSize: 52_428_800,
  endedAt: '2026-01-02T03:04:00.000Z',
  limit: 'loginFailures',
  channel: 'SMS',
};
const sample = (reason: Reason): Params =>
  Object.fromEntries(REASONS[reason].map((name) => [name, SAMPLE[name] ?? (name === 'line' ? 3 : 'x')]));

const LANGUAGES = [
  ['en', reasonsEn, sayEn],
  ['fa', reasonsFa, sayFa],
] as const;

describe('the reason dictionaries', () => {
  it.each(LANGUAGES)('%s says every reason of the catalogue', (_language, texts) => {
    expect(Object.keys(texts).sort()).toEqual([...REASON_CODES].sort());
  });

  it.each(LANGUAGES)('%s reads only params its reason declares', (_language, texts, say) => {
    const undeclared = REASON_CODES.flatMap((reason) =>
      [...paramsRead(texts[reason], say)]
        .filter((name) => !(REASONS[reason] as readonly string[]).includes(name))
        .map((name) => `${reason}.${name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it.each(LANGUAGES)(
    '%s renders every reason as a sentence, with or without its params',
    (language, texts, say) => {
      for (const reason of REASON_CODES) {
        for (const params of [sample(reason), {}]) {
          const text = texts[reason](params, say);
          expect(text.trim(), reason).not.toBe('');
          expect(text, reason).not.toMatch(/undefined|\[object/);
          if (language === 'fa') expect(text, reason).toMatch(/[\u0600-\u06FF]/);
        }
      }
    },
  );
});

describe('reasonText', () => {
  it('says a refusal from its code and params, in each language', () => {
    const params = { status: 'RUNNING' };
    expect(reasonText('en', 'CAMPAIGN_NOT_EDITABLE', params, 'server words')).toBe(
      'A running campaign cannot be edited. Pause it first.',
    );
    expect(reasonText('fa', 'CAMPAIGN_NOT_EDITABLE', params, 'server words')).toBe(
      'کمپین در حال ارسال را نمی‌توان ویرایش کرد. نخست آن را متوقف کنید.',
    );
    expect(reasonText('fa', 'RATE_LIMITED', { limit: 'loginFailures', retryAfter: 900 }, '')).toBe(
      'ورودهای ناموفق به این حساب بیش از اندازه بوده است. ۱۵ دقیقه دیگر دوباره امتحان کنید.',
    );
  });

  it("falls back to the server's message for a code it does not know", () => {
    expect(reasonText('fa', 'SOMETHING_NEW', {}, 'Something new.')).toBe('Something new.');
    expect(reasonText('fa', undefined, {}, 'No code.')).toBe('No code.');
  });

  it('says a refused input by the reason of its rule, or by its first issue', () => {
    expect(reasonText('fa', 'INVALID_INPUT', { reason: 'DATE_RANGE_REVERSED' }, '')).toBe(
      'پایان بازه‌ی تاریخ باید پس از آغاز آن باشد.',
    );
    const issue = { code: 'too_big', origin: 'string', maximum: 255, message: 'Too big' };
    expect(issueText('fa', issue)).toBe('بیش از اندازه بلند است: حداکثر ۲۵۵ نویسه.');
    expect(issueText('en', issue)).toBe('Too big');
  });
});
