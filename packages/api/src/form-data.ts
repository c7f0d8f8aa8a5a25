import { z } from 'zod';
import { ChaparError } from './errors';

/** Uploads arrive as FormData (the typed client sends them unbatched). */
export const zFormData = z.instanceof(FormData, { message: 'Send this as multipart/form-data (FormData).' });

export function formFile(form: FormData, name = 'file'): File {
  const value = form.get(name);
  if (!(value instanceof Blob)) throw new ChaparError('BAD_REQUEST', `Attach the file as "${name}".`, name);
  if (value.size === 0) throw new ChaparError('BAD_REQUEST', 'The file is empty.', name);
  return value as File;
}

export function formText(form: FormData, name: string): string | null {
  const value = form.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A positive integer field, e.g. `campaignId`. */
export function formId(form: FormData, name: string): number {
  const raw = formText(form, name);
  const id = raw === null ? Number.NaN : Number(raw);
  if (!Number.isInteger(id) || id <= 0)
    throw new ChaparError('BAD_REQUEST', `Give "${name}" as a positive number.`, name);
  return id;
}

/** A JSON field validated by `schema`. */
export function formJson<T extends z.ZodType>(form: FormData, name: string, schema: T): z.infer<T> | null {
  const raw = formText(form, name);
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ChaparError('BAD_REQUEST', `"${name}" is not valid JSON.`, name);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new ChaparError('BAD_REQUEST', `"${name}": ${result.error.issues[0]?.message ?? 'invalid'}`, name);
  }
  return result.data;
}
