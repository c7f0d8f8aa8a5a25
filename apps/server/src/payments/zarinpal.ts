import { z } from 'zod';
import {
  GatewayRefusedError,
  GatewayUnavailableError,
  type GatewayVerification,
  type PaymentGateway,
} from './gateway';

export interface ZarinpalOptions {
  merchantId: string;
  currency: 'IRT' | 'IRR';
  sandbox: boolean;
  /** API and StartPay host; defaults to payment.zarinpal.com (sandbox.zarinpal.com in sandbox mode). */
  baseUrl?: string;
  timeoutMs?: number;
}

/** ZarinPal's documented error codes, in words for the payer and the admin. */
const ERRORS: Record<number, string> = {
  [-9]: 'the payment details were rejected (validation error)',
  [-10]: 'the merchant id or server address is not accepted',
  [-11]: 'the merchant account is not active',
  [-12]: 'too many attempts; try again shortly',
  [-15]: 'the merchant account is suspended',
  [-16]: 'the merchant account level is too low',
  [-30]: 'the merchant may not use floating fees',
  [-33]: 'the amount is not accepted',
  [-50]: 'the amount paid differs from the amount asked',
  [-51]: 'the payment did not go through',
  [-52]: 'an unexpected error at the gateway',
  [-53]: 'this payment belongs to another merchant',
  [-54]: 'the payment reference is not valid',
  [-55]: 'the payment was not found',
};

/** Verification errors that are a verdict on the payment itself (wrong amount, not ours). */
const PAYMENT_VERDICTS = new Set([-50, -53, -54, -55]);
/**
 * "Not paid": the same answer before the payer has paid as after they gave up, so it
 * settles nothing (a forged early return must not fail a payment about to be paid).
 */
const NOT_PAID_YET = -51;

const describeCode = (code: number) => ERRORS[code] ?? `error code ${code}`;

// The v4 API answers `{ data, errors }`: `data` is an object on success and `[]` on
// failure, `errors` the other way round.
const zReply = z.object({
  data: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]),
  errors: z.union([z.array(z.unknown()), z.object({ code: z.number(), message: z.string().optional() })]),
});
const zRequestData = z.object({ code: z.number(), authority: z.string().min(1).max(128) });
const zVerifyData = z.object({
  code: z.number(),
  ref_id: z.union([z.number(), z.string()]).optional(),
  card_pan: z.string().nullish(),
});

export function createZarinpalGateway(options: ZarinpalOptions): PaymentGateway {
  const base = (
    options.baseUrl ?? (options.sandbox ? 'https://sandbox.zarinpal.com' : 'https://payment.zarinpal.com')
  ).replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;

  /** POSTs JSON; answers `data` on success, throws with the gateway's code otherwise. */
  async function call(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(`${base}/pg/v4/payment/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new GatewayUnavailableError(
        timedOut ? `ZarinPal did not answer within ${timeoutMs / 1000} s.` : 'ZarinPal could not be reached.',
        { cause: error },
      );
    }
    const text = await response.text().catch(() => '');
    let parsed: z.infer<typeof zReply>;
    try {
      parsed = zReply.parse(JSON.parse(text));
    } catch {
      throw new GatewayUnavailableError(`ZarinPal answered something unexpected (HTTP ${response.status}).`);
    }
    if (!Array.isArray(parsed.errors)) {
      throw new GatewayRefusedError(
        `ZarinPal refused: ${describeCode(parsed.errors.code)}.`,
        parsed.errors.code,
      );
    }
    if (Array.isArray(parsed.data)) {
      throw new GatewayUnavailableError('ZarinPal answered without data or errors.');
    }
    return parsed.data;
  }

  return {
    async start(request) {
      const data = zRequestData.safeParse(
        await call('request.json', {
          merchant_id: options.merchantId,
          amount: request.amount,
          currency: options.currency,
          description: request.description,
          callback_url: request.callbackUrl,
          metadata: {
            ...(request.mobile ? { mobile: request.mobile } : {}),
            ...(request.email ? { email: request.email } : {}),
            order_id: request.orderId,
          },
        }),
      );
      if (!data.success) throw new GatewayUnavailableError('ZarinPal answered without a payment reference.');
      if (data.data.code !== 100) {
        throw new GatewayRefusedError(`ZarinPal refused: ${describeCode(data.data.code)}.`, data.data.code);
      }
      const reference = data.data.authority;
      return { reference, redirectUrl: `${base}/pg/StartPay/${encodeURIComponent(reference)}` };
    },

    async verify({ reference, amount }): Promise<GatewayVerification> {
      let raw: Record<string, unknown>;
      try {
        raw = await call('verify.json', { merchant_id: options.merchantId, amount, authority: reference });
      } catch (error) {
        // Only an answer about this payment settles it; a merchant, rate-limit or internal
        // error at the gateway says nothing about whether the payer paid, so the payment
        // stays PENDING and the callback (or "check again") retries.
        const code = error instanceof GatewayRefusedError ? error.code : null;
        if (code !== null && (PAYMENT_VERDICTS.has(code) || code === NOT_PAID_YET)) {
          const reason = `The payment was not confirmed: ${describeCode(code)}.`;
          return { ok: false, final: code !== NOT_PAID_YET, reason };
        }
        if (error instanceof GatewayRefusedError) {
          throw new GatewayUnavailableError(error.message, { cause: error });
        }
        throw error;
      }
      const data = zVerifyData.safeParse(raw);
      if (!data.success)
        throw new GatewayUnavailableError('ZarinPal answered a verification without a code.');
      // 100: verified now; 101: verified before (a replayed callback). Both mean paid.
      if (data.data.code !== 100 && data.data.code !== 101) {
        return {
          ok: false,
          final: true,
          reason: `The payment was not confirmed: ${describeCode(data.data.code)}.`,
        };
      }
      if (data.data.ref_id === undefined) {
        throw new GatewayUnavailableError('ZarinPal confirmed the payment without a receipt number.');
      }
      return { ok: true, providerRef: String(data.data.ref_id), payerDetail: data.data.card_pan ?? null };
    },
  };
}
