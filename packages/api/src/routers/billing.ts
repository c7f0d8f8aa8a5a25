import { PAYMENT_PROVIDERS, zPaymentProvider } from '@chapar/domain';
import { z } from 'zod';
import { notFound } from '../errors';
import { formFile, formId, zFormData } from '../form-data';
import { page, zCursor, zId, zPayment } from '../schemas';
import { authedProcedure, publicProcedure, router } from '../trpc';

const paymentsRouter = router({
  /** The signed-in user's payments, newest first. */
  list: authedProcedure
    .input(
      z
        .object({ cursor: zCursor, limit: z.number().int().min(1).max(100).default(20) })
        .default({ limit: 20 }),
    )
    .output(page(zPayment))
    .query(({ ctx, input }) => ctx.ports.billing.payments({ ...input, userId: ctx.user.id })),

  /** One of the user's own payments (the result page after the gateway). */
  get: authedProcedure
    .input(z.object({ id: zId }))
    .output(zPayment)
    .query(async ({ ctx, input }) => {
      const payment = await ctx.ports.billing.payment(ctx.user.id, input.id);
      if (!payment) throw notFound('Payment');
      return payment;
    }),
});

export const billingRouter = router({
  /** Public: how this server takes payments, for the pricing page. */
  options: publicProcedure
    .output(
      z.object({
        providers: z.array(z.enum(PAYMENT_PROVIDERS)),
        currency: z.string(),
        manualInstructions: z.string(),
        /** Whether codes can be sent by SMS / email here (else the SPA offers no verification). */
        verification: z.object({ sms: z.boolean(), email: z.boolean() }),
      }),
    )
    .query(({ ctx }) => ({ ...ctx.ports.billing.options(), verification: ctx.ports.verification.channels })),

  /**
   * Starts paying for a package. ZarinPal answers the gateway URL to send the browser to;
   * a manual transfer answers no URL and waits for the receipt (billing.submitReceipt).
   */
  checkout: authedProcedure
    .input(z.object({ packageId: zId, provider: zPaymentProvider }))
    .output(z.object({ payment: zPayment, redirectUrl: z.string().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.ports.billing.checkout(ctx.user, input);
      ctx.log.info({ paymentId: result.payment.id, provider: input.provider }, 'checkout started');
      return result;
    }),

  payments: paymentsRouter,

  /** FormData: paymentId, file (image or PDF of the bank transfer receipt). */
  submitReceipt: authedProcedure
    .input(zFormData)
    .output(zPayment)
    .mutation(({ ctx, input }) => {
      const paymentId = formId(input, 'paymentId');
      const file = formFile(input);
      return ctx.ports.billing.submitReceipt(ctx.user.id, paymentId, file, file.name || 'receipt');
    }),
});
