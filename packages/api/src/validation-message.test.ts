import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationMessage } from './validation-message';

function messageFor(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return validationMessage(result.error.issues);
}

describe('validationMessage', () => {
  it('says Zod’s defaults plainly, with the field', () => {
    expect(messageFor(z.object({ name: z.string().min(1) }), { name: '' })).toBe(
      'name: must be at least 1 character',
    );
    expect(messageFor(z.object({ n: z.number().int().min(0) }), { n: -1 })).toBe('n: must be at least 0');
    expect(messageFor(z.object({ n: z.number().gt(5) }), { n: 5 })).toBe('n: must be more than 5');
    expect(messageFor(z.object({ tags: z.array(z.string()).max(2) }), { tags: ['a', 'b', 'c'] })).toBe(
      'tags: must have at most 2 items',
    );
    expect(messageFor(z.object({ kind: z.enum(['A', 'B']) }), { kind: 'C' })).toBe(
      'kind: must be one of "A", "B"',
    );
    expect(messageFor(z.object({ mail: z.email() }), { mail: 'nope' })).toBe(
      'mail: is not a valid email address',
    );
    expect(messageFor(z.object({ n: z.number() }), { n: 'x' })).toBe('n: must be a number');
    expect(messageFor(z.strictObject({}), { extra: 1 })).toBe('input: has unknown field extra');
  });

  it('keeps a schema’s own message and counts the rest', () => {
    const schema = z.object({
      items: z.array(z.object({ phone: z.string().min(3, 'Too short a phone.') })),
      title: z.string(),
    });
    expect(messageFor(schema, { items: [{ phone: '1' }] })).toBe(
      'items[0].phone: Too short a phone. (and 1 more problem)',
    );
  });
});
