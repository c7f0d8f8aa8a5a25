/**
 * A payment gateway that sends the payer away and back: `start` asks for a payment and
 * answers where to send the browser; `verify` confirms it once the payer is back. Manual
 * transfers need no gateway (an admin reviews the receipt), so only redirecting
 * providers implement this.
 */
export interface PaymentGateway {
  start(request: {
    /** Whole units of the configured currency. */
    amount: number;
    description: string;
    callbackUrl: string;
    mobile?: string;
    email?: string;
    orderId: string;
  }): Promise<{ reference: string; redirectUrl: string }>;
  verify(request: { reference: string; amount: number }): Promise<GatewayVerification>;
}

export type GatewayVerification =
  | { ok: true; providerRef: string; payerDetail: string | null }
  /**
   * Not paid. `final` when the answer is a verdict on this payment (wrong amount, unknown
   * reference); not final when it only says "not paid so far": the payer may still be at
   * the gateway, so asking again later can still answer paid.
   */
  | { ok: false; final: boolean; reason: string };

/** The gateway could not be asked (down, timed out, answered nonsense); nothing was decided. */
export class GatewayUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GatewayUnavailableError';
  }
}

/** The gateway answered and refused (bad merchant, amount too small, ...). */
export class GatewayRefusedError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'GatewayRefusedError';
  }
}
