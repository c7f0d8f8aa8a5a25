import type { Logger } from '@chapar/api';
import type { Database } from '@chapar/db';
import type { PaymentStatus } from '@chapar/domain';
import type { PaymentGateway } from '../payments/gateway';
import { findReceiptUpload, type PaidDetail, type PaymentsRepository } from '../repositories/payments';
import { mediaPath } from './media';

/**
 * A CANCELLED ZarinPal payment is asked again on the next return: a forged early "NOK"
 * (someone who saw the authority) may have settled it while the payer was still at the
 * gateway, and the gateway's word is what counts. PAID is final; so is FAILED, which only
 * a verification that did not match (amount, refusal) or an expired unpaid payment leaves.
 */
const RECHECKED: readonly PaymentStatus[] = ['PENDING', 'CANCELLED'];

/**
 * How long a payment the gateway has not been paid for stays PENDING (verified again on
 * every return and "check again"). ZarinPal's payment page and an unverified payment do
 * not outlive this, so "not paid" after it is the final answer.
 */
export const UNPAID_EXPIRY_MS = 60 * 60_000;

/**
 * The payer is back from ZarinPal (`Authority`, `Status=OK|NOK`). Verifies with the
 * amount stored at checkout, never one from the request. Answers the payment id to
 * show, or null when the reference is unknown.
 */
export async function completeZarinpal(
  deps: {
    repo: PaymentsRepository;
    gateway: PaymentGateway | null;
    markPaid(id: number, detail: PaidDetail, from?: readonly PaymentStatus[]): Promise<boolean>;
    clock: { now(): Date };
    log: Logger;
  },
  reference: string,
  status: string,
): Promise<number | null> {
  const { repo, gateway, markPaid, clock, log } = deps;
  const found = await repo.byReference('zarinpal', reference);
  if (!found) return null;
  if (!gateway || !RECHECKED.includes(found.status)) return found.id;
  // Even "NOK" is checked with the gateway: a forged or stale cancel must not void a real payment.
  const verified = await gateway.verify({ reference, amount: Number(found.amount) });
  if (!verified.ok) {
    // Already settled unpaid: a later return that still is not paid changes nothing.
    if (found.status !== 'PENDING') return found.id;
    const cancelled = status !== 'OK';
    const expired = clock.now().getTime() - found.createdAt.getTime() >= UNPAID_EXPIRY_MS;
    if (!cancelled && !verified.final && !expired) {
      // Anyone who saw the authority can send "OK" before the payer has paid: stay PENDING.
      log.info({ paymentId: found.id }, 'zarinpal payment not paid yet; stays pending');
      return found.id;
    }
    const reason = cancelled
      ? 'The payment was cancelled at the gateway; nothing was charged.'
      : verified.final
        ? verified.reason
        : 'The payment was not completed at the gateway within an hour; nothing was charged.';
    await repo.settleUnpaid(found.id, cancelled ? 'CANCELLED' : 'FAILED', reason, { now: clock.now() });
    log.warn({ paymentId: found.id, reason: verified.reason, status }, 'zarinpal payment not confirmed');
    return found.id;
  }
  const detail = { providerRef: verified.providerRef, payerDetail: verified.payerDetail };
  if (await markPaid(found.id, detail, RECHECKED)) {
    log.info({ paymentId: found.id, refId: verified.providerRef }, 'zarinpal payment confirmed');
  }
  return found.id;
}

/** The receipt file of a payment (owner null: any user's, for admins), or null. */
export async function receiptFile(db: Database, dataDir: string, owner: number | null, id: number) {
  const row = await findReceiptUpload(db, owner, id);
  if (!row) return null;
  return { path: mediaPath(dataDir, row.sha256, row.mimeType), ...row };
}
