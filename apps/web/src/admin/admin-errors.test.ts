import { describe, expect, it } from 'vitest';
import { apiError } from '../../test/api';
import { en } from '../i18n/en';
import { fa } from '../i18n/fa';
import type { Language } from '../i18n/language';
import { adminErrorText } from './admin-errors';

const i18n = (language: Language) => ({
  language,
  t: (key: keyof typeof en) => (language === 'fa' ? fa : en)[key],
});

describe('adminErrorText', () => {
  it('shows the server’s own words in English', () => {
    const error = apiError('Only a super admin can change administrators.', 'FORBIDDEN', 'role');
    expect(adminErrorText(i18n('en'), error)).toBe('Only a super admin can change administrators.');
  });

  it('speaks Persian by the error’s code, never the English text', () => {
    const error = apiError('Only a super admin can change administrators.', 'FORBIDDEN', 'role');
    expect(adminErrorText(i18n('fa'), error)).toBe(fa['admin.error.FORBIDDEN']);
    expect(adminErrorText(i18n('fa'), apiError('x', 'TOO_MANY_REQUESTS'))).toBe(fa['errors.generic']);
  });

  it('tells the admin the server cannot be reached when it never answered', () => {
    expect(adminErrorText(i18n('fa'), new Error('fetch failed'))).toBe(fa['errors.offline']);
  });
});
