import { zOtpDelivery } from '@chapar/domain';
import { z } from 'zod';
import { zCause, zIsoDate } from '../../schemas';
import { authedProcedure } from '../../trpc';
import { zVerifyPurpose } from './schemas';

/** How the newest code for the phone or email went: still sending, sent, or refused with the reason. */
export const codeStatus = authedProcedure
  .input(z.object({ purpose: zVerifyPurpose }))
  .output(
    z.object({
      delivery: zOtpDelivery.nullable(),
      sentTo: z.string().nullable(),
      requestedAt: zIsoDate.nullable(),
      lastSendError: z.string().nullable(),
      lastSendReason: zCause.nullable(),
    }),
  )
  .query(({ ctx, input }) => ctx.ports.verification.codeStatus(ctx.user.id, input.purpose));
