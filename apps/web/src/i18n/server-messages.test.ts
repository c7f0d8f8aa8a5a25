import { describe, expect, it } from 'vitest';
import { localizeServerMessage } from './server-messages';

describe('server messages in the reader’s language', () => {
  it('says known refusals in Persian', () => {
    expect(localizeServerMessage('The current password is wrong.', 'fa')).toBe('گذرواژه‌ی کنونی درست نیست.');
    expect(localizeServerMessage('WhatsApp account not found.', 'fa')).toBe('حساب واتس‌اپ پیدا نشد.');
    expect(
      localizeServerMessage('Too many failed sign-ins for this account. Try again in 5 minutes.', 'fa'),
    ).toBe('تلاش‌ها بیش از اندازه بود. کمی بعد دوباره امتحان کنید.');
  });

  it('keeps English as sent, and unknown messages unchanged', () => {
    expect(localizeServerMessage('The current password is wrong.', 'en')).toBe(
      'The current password is wrong.',
    );
    expect(localizeServerMessage('Something new.', 'fa')).toBe('Something new.');
    expect(localizeServerMessage('Gadget not found.', 'fa')).toBe('Gadget not found.');
  });
});
