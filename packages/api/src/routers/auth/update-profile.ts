import { isCountryCode } from '@chapar/domain';
import { z } from 'zod';
import { notFound } from '../../errors';
import { zUser } from '../../schemas';
import { authedProcedure } from '../../trpc';

/** Name, interface language and the country assumed for numbers written without one. */
export const updateProfile = authedProcedure
  .input(
    z.object({
      name: z.string().trim().min(1, 'Enter your name.').max(255).optional(),
      locale: z.enum(['fa', 'en']).optional(),
      defaultCountry: z
        .string()
        .trim()
        .toUpperCase()
        .refine(isCountryCode, {
          message: 'Choose a country by its two-letter code, e.g. IR, CA or DE.',
          params: { reason: 'COUNTRY_UNKNOWN' },
        })
        .optional(),
    }),
  )
  .output(zUser)
  .mutation(async ({ ctx, input }) => {
    const user = await ctx.ports.users.update(ctx.user.id, input);
    if (!user) throw notFound('User');
    return user;
  });
