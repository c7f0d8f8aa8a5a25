import { z } from 'zod';
import { REASON_CODES, type Reason } from '../reasons';

// The pieces every output uses: ids, dates, pages and reasons.

/** A reason code of the catalogue (reasons.ts), typed as the union for clients. */
export const zReason = z.enum(REASON_CODES as [Reason, ...Reason[]]);
/** Why a phone number was refused (domain/phone.ts's PhoneProblem). */
export const zPhoneProblem = z.enum(['EMPTY', 'NOT_A_PHONE', 'INVALID', 'NONE_VALID']);
/** A stored cause (a recipient's failure, a campaign's pause): its code and the values its sentence uses. */
export const zCause = z.object({ code: zReason, params: z.record(z.string(), z.unknown()) });

/** Dates travel as ISO-8601 strings: plain JSON for the typed client and for curl alike. */
export const zIsoDate = z
  .date()
  .transform((d) => d.toISOString())
  // Names the result for the OpenAPI document (a transform alone has no JSON Schema).
  .pipe(z.iso.datetime());
export const zId = z.number().int().positive();
export const zCursor = z.number().int().positive().nullish();
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: zId.nullable() });
