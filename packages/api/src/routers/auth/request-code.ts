import { z } from 'zod';
import { zIsoDate } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { zVerifyPurpose } from './schemas';

/** Sends a one-time code to the user's own phone (SMS) or email. */
export const requestCode = authedProcedure
  .input(z.object({ purpose: zVerifyPurpose }))
  .output(z.object({ sentTo: z.string(), expiresAt: zIsoDate }))
  .mutation(({ ctx, input }) => ctx.ports.verification.requestCode(ctx.user, input.purpose, ctx.ip));
