import { toAsciiDigits } from '@chapar/domain';
import { z } from 'zod';

export const zPassword = z
  .string()
  .min(8, 'Use at least 8 characters for the password.')
  .max(256, 'The password is too long (256 characters at most).');

export const zEmail = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.').max(255));

export const zUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.]{3,32}$/, 'A username has 3–32 letters, digits, "_" or ".".');

export const zVerifyPurpose = z.enum(['VERIFY_PHONE', 'VERIFY_EMAIL']);

/** Codes are digits; Persian or Arabic digits typed on a phone count too. */
export const zCode = z
  .string()
  .trim()
  .transform(toAsciiDigits)
  .pipe(z.string().regex(/^\d{4,8}$/, 'Enter the code you received (digits only).'));
