import { z } from 'zod';
import { ChaparError } from './errors';

/** Uploads arrive as FormData (the typed client sends them unbatched). */
export const zFormData = z.custom<FormData>((value) => value instanceof FormData, {
  message: 'Send this as multipart/form-data (FormData).',
  params: { reason: 'NOT_FORM_DATA' },
});

export function formFile(form: FormData, name = 'file'): File {
  const value = form.get(name);
  if (!(value instanceof Blob))
    throw new ChaparError('BAD_REQUEST', 'FORM_FILE_MISSING', `Attach the file as "${name}".`, {
      params: { name },
      field: name,
    });
  if (value.size === 0)
    throw new ChaparError('BAD_REQUEST', 'FORM_FILE_EMPTY', 'The file is empty.', {
      params: { name },
      field: name,
    });
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
    throw new ChaparError('BAD_REQUEST', 'FORM_NUMBER_INVALID', `Give "${name}" as a positive number.`, {
      params: { name },
      field: name,
    });
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
    throw new ChaparError('BAD_REQUEST', 'FORM_JSON_INVALID', `"${name}" is not valid JSON.`, {
      params: { name },
      field: name,
    });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const message = `"${name}": ${result.error.issues[0]?.message ?? 'invalid'}`;
    throw new ChaparError('BAD_REQUEST', 'FORM_FIELD_INVALID', message, { params: { name }, field: name });
  }
  return result.data;
}
