import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fa } from '../i18n/fa';
import { translate } from '../i18n/translate';
import { actionLabel, detailsLabel, targetLabel } from './audit-details';
import { formatUptime } from './uptime';

const speaker = (messages: typeof en) => ({
  t: (key: keyof typeof en, vars?: Record<string, string | number>) => translate(messages, key, vars, String),
  formatId: String,
});

describe('audit log wording', () => {
  it('tells what happened in the reader’s language', () => {
    const reader = speaker(fa);
    expect(actionLabel(reader, 'user.ban')).toBe('کاربری را مسدود کرد');
    expect(targetLabel(reader, { targetType: 'user', targetId: 7 })).toBe('کاربر #7');
    expect(detailsLabel(reader, { from: 'ACTIVE', to: 'BANNED', reason: 'spam' })).toBe(
      'فعال ← مسدود · دلیل: spam',
    );
  });

  it('shows unknown actions and targets as stored rather than hiding them', () => {
    const reader = speaker(en);
    expect(actionLabel(reader, 'otp.reset')).toBe('otp.reset');
    expect(targetLabel(reader, { targetType: 'otp', targetId: 1 })).toBe('otp');
    expect(detailsLabel(reader, null)).toBe('');
  });
});

describe('formatUptime', () => {
  it('is as precise as a glance needs', () => {
    const { t } = speaker(en);
    expect(formatUptime(t, 59)).toBe('0 min');
    expect(formatUptime(t, 2 * 3600 + 5 * 60)).toBe('2 h 5 min');
    expect(formatUptime(t, 3 * 86_400 + 4 * 3600 + 59)).toBe('3 d 4 h');
  });
});
