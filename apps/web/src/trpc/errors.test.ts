import { describe, expect, it } from 'vitest';
import { errorMessage, formErrors, isRetryable, isUnauthorized } from './errors';
import type { ApiError } from './trpc';
import { websocketUrl } from './urls';

type ErrorData = NonNullable<ApiError['data']>;

function apiError(message: string, data: Partial<ErrorData> | null): ApiError {
  const full: ErrorData | undefined = data
    ? {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        zodError: null,
        zodIssues: null,
        field: null,
        retryAfter: null,
        requestId: null,
        // No reason: messages are shown as the server wrote them (a code this build does not know).
        reason: undefined as unknown as ErrorData['reason'],
        params: {},
        stack: undefined,
        ...data,
      }
    : undefined;
  return { message, data: full, shape: undefined } as ApiError;
}

const OFFLINE = 'offline';

describe('formErrors', () => {
  it('puts a domain error next to its field', () => {
    const error = apiError('Phone: not a valid phone number.', { field: 'phone' });
    expect(formErrors(error, ['phone'], OFFLINE)).toEqual({
      fields: { phone: 'Phone: not a valid phone number.' },
      general: null,
    });
  });

  it('spreads Zod field errors and keeps unknown fields for the alert', () => {
    const error = apiError('[json of issues]', {
      zodError: {
        formErrors: ['Check the form.'],
        fieldErrors: { email: ['Enter a valid email address.'], other: ['Bad other.'] },
      },
    });
    expect(formErrors(error, ['email', 'password'], OFFLINE)).toEqual({
      fields: { email: 'Enter a valid email address.' },
      general: 'Bad other. Check the form.',
    });
  });

  it('shows errors without a field, and offline errors, as general', () => {
    expect(
      formErrors(
        apiError('Wrong email, phone, username or password.', { code: 'UNAUTHORIZED' }),
        [],
        OFFLINE,
      ),
    ).toEqual({ fields: {}, general: 'Wrong email, phone, username or password.' });
    expect(formErrors(apiError('Failed to fetch', null), ['email'], OFFLINE).general).toBe(OFFLINE);
    expect(formErrors(null, ['email'], OFFLINE)).toEqual({ fields: {}, general: null });
  });
});

describe('errorMessage', () => {
  const refused = apiError('name: must be at most 100 characters', {
    zodIssues: [
      {
        path: ['name'],
        code: 'too_big',
        message: 'Too big: expected string to have <=100 characters',
        origin: 'string',
        minimum: null,
        maximum: 100,
        reason: null,
      },
    ],
  });

  it("shows the server's sentence for a refused input in English", () => {
    expect(errorMessage(refused, OFFLINE)).toBe('name: must be at most 100 characters');
  });

  it('says the first issue in Persian when the page is Persian', () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'fa';
    try {
      expect(errorMessage(refused, OFFLINE)).toBe('بیش از اندازه بلند است: حداکثر ۱۰۰ نویسه.');
    } finally {
      document.documentElement.lang = before;
    }
  });
});

describe('error codes', () => {
  it('knows a missing session and what is worth retrying', () => {
    expect(isUnauthorized(apiError('Please sign in first.', { code: 'UNAUTHORIZED' }))).toBe(true);
    expect(isUnauthorized(new Error('x'))).toBe(false);
    expect(isRetryable(apiError('x', { code: 'NOT_FOUND' }))).toBe(false);
    expect(isRetryable(apiError('x', { code: 'INTERNAL_SERVER_ERROR' }))).toBe(true);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
  });
});

describe('websocketUrl', () => {
  it('follows the page: ws on http, wss on https, same host', () => {
    expect(websocketUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/trpc');
    expect(websocketUrl({ protocol: 'https:', host: 'chapar.example' })).toBe('wss://chapar.example/trpc');
  });
});
