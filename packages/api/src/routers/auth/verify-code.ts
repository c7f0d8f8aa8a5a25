import { z } from 'zod';
import { zUser } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { zCode, zVerifyPurpose } from './schemas';

/** Confirms the phone or email with the code it received. */
export const verifyCode = authedProcedure
  .input(z.object({ purpose: zVerifyPurpose, code: zCode }))
  .output(zUser)
  .mutation(({ ctx, input }) => ctx.ports.verification.verifyCode(ctx.user.id, input.purpose, input.code));
