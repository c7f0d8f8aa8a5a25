import type { Logger } from '@chapar/api';
import { type Database, payments, uploads } from '@chapar/db';
import { and, eq } from 'drizzle-orm';
import type { PaymentGateway } from '../payments/gateway';
import type { PaidDetail, PaymentsRepository } from '../repositories/payments';
import { mediaPath } from './media';

/**
 * The payer is back from ZarinPal (`Authority`, `Status=OK|NOK`). Verifies with the
 * amount stored at checkout, never one from the request. Answers the payment id to
 * show, or null when the reference is unknown.
 */
export async function completeZarinpal(
  deps: {
    repo: PaymentsRepository;
    gateway: PaymentGateway | null;
    markPaid(id: number, detail: PaidDetail): Promise<boolean>;
    clock: { now(): Date };
    log: Logger;
  },
  reference: string,
  status: string,
): Promise<number | null> {
  const { repo, gateway, markPaid, clock, log } = deps;
  const found = await repo.byReference('zarinpal', reference);
  if (!found) return null;
  if (found.status !== 'PENDING' || !gateway) return found.id;
  // Even "NOK" is checked with the gateway: a forged or stale cancel must not void a real payment.
  const verified = await gateway.verify({ reference, amount: Number(found.amount) });
  if (!verified.ok) {
    const cancelled = status !== 'OK';
    const reason = cancelled
      ? 'The payment was cancelled at the gateway; nothing was charged.'
      : verified.reason;
    await repo.settleUnpaid(found.id, cancelled ? 'CANCELLED' : 'FAILED', reason, { now: clock.now() });
    log.warn({ paymentId: found.id, reason: verified.reason, status }, 'zarinpal payment not confirmed');
    return found.id;
  }
  if (await markPaid(found.id, { providerRef: verified.providerRef, payerDetail: verified.payerDetail })) {
    log.info({ paymentId: found.id, refId: verified.providerRef }, 'zarinpal payment confirmed');
  }
  return found.id;
}

/** The receipt file of a payment (owner null: any user's, for admins), or null. */
export async function receiptFile(db: Database, dataDir: string, owner: number | null, id: number) {
  const [row] = await db
    .select({ sha256: uploads.sha256, mimeType: uploads.mimeType, fileName: uploads.fileName })
    .from(payments)
    .innerJoin(uploads, eq(uploads.id, payments.receiptUploadId))
    .where(and(eq(payments.id, id), owner === null ? undefined : eq(payments.userId, owner)))
    .limit(1);
  if (!row) return null;
  return { path: mediaPath(dataDir, row.sha256, row.mimeType), ...row };
}
