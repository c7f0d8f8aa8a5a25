import { type BillingPort, ChaparError, type Logger, notFound } from '@chapar/api';
import type { Database } from '@chapar/db';
import type { PaymentProvider, PaymentStatus } from '@chapar/domain';
import { GatewayRefusedError, GatewayUnavailableError, type PaymentGateway } from '../payments/gateway';
import { findPackage } from '../repositories/packages';
import { createPaymentsRepository, markPaidAndGrant, type PaidDetail } from '../repositories/payments';
import { grantSubscription } from '../repositories/subscriptions';
import { userExists } from '../repositories/users';
import { storeUpload } from './media';
import { completeZarinpal, receiptFile } from './payment-return';

export interface BillingOptions {
  providers: PaymentProvider[];
  currency: 'IRT' | 'IRR';
  manualInstructions: string;
  /** The browser-facing origin; the gateway sends payers back to `<publicUrl>/api/payments/...`. */
  publicUrl: string | null;
  zarinpal: PaymentGateway | null;
  dataDir: string;
  /** Told after a payment or a grant funded the user (campaigns paused for quota resume). */
  onFunded?: (userId: number) => Promise<unknown>;
}

const RECEIPT_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
const RECEIPT_MAX_BYTES = 10 * 1024 * 1024;

/** Where the ZarinPal callback lands (see http/payment-callback.ts). */
export const ZARINPAL_CALLBACK_PATH = '/api/payments/zarinpal/callback';

/**
 * Payments and what they buy. Granting happens in the same transaction as the guarded
 * PENDING → PAID update, so a replayed callback or a double approval grants nothing more.
 */
export function createBilling(db: Database, options: BillingOptions, clock: { now(): Date }, log: Logger) {
  const repo = createPaymentsRepository(db);
  const payment = async (owner: number | null, id: number) => {
    const found = await repo.get(owner, id);
    if (!found) throw notFound('Payment');
    return found;
  };

  // What follows a grant must never undo it: a failure there is logged, not thrown.
  const funded = async (userId: number) => {
    await options.onFunded?.(userId).catch((error: Error) => {
      log.error({ err: error, userId }, 'could not resume campaigns after funding');
    });
  };

  const markPaid = async (id: number, detail: PaidDetail, from?: readonly PaymentStatus[]) => {
    const paid = await markPaidAndGrant(db, id, detail, clock.now(), from);
    if (paid) {
      const found = await repo.get(null, id);
      if (found) await funded(found.userId);
    }
    return paid;
  };

  const port: BillingPort = {
    options: () => ({
      providers: options.providers,
      currency: options.currency,
      manualInstructions: options.manualInstructions,
    }),

    async checkout(user, input) {
      if (!options.providers.includes(input.provider)) {
        throw new ChaparError(
          'BAD_REQUEST',
          `Paying by ${input.provider === 'zarinpal' ? 'ZarinPal' : 'manual transfer'} is not offered on this server.`,
          'provider',
        );
      }
      const pkg = await findPackage(db, input.packageId);
      if (pkg?.status !== 'ACTIVE') {
        throw new ChaparError(
          'NOT_FOUND',
          'This package is not on sale any more. Choose another.',
          'packageId',
        );
      }
      const amount = Number(pkg.price);
      if (input.provider === 'zarinpal' && (!Number.isInteger(amount) || amount <= 0)) {
        throw new ChaparError(
          'BAD_REQUEST',
          `ZarinPal takes whole amounts of ${options.currency}; this package costs ${pkg.price}. Pay by manual transfer or ask the administrator to fix the price.`,
          'provider',
        );
      }
      const id = await repo.create({
        userId: user.id,
        packageId: pkg.id,
        amount: pkg.price,
        currency: options.currency,
        provider: input.provider,
        now: clock.now(),
      });
      if (input.provider === 'manual') return { payment: await payment(user.id, id), redirectUrl: null };

      const gateway = options.zarinpal!;
      try {
        const started = await gateway.start({
          amount,
          description: `Chapar: ${pkg.title}`.slice(0, 255),
          callbackUrl: `${options.publicUrl!.replace(/\/$/, '')}${ZARINPAL_CALLBACK_PATH}`,
          mobile: user.phone.startsWith('+98') ? `0${user.phone.slice(3)}` : undefined,
          email: user.email,
          orderId: String(id),
        });
        await repo.setReference(id, started.reference);
        return { payment: await payment(user.id, id), redirectUrl: started.redirectUrl };
      } catch (error) {
        const reason =
          error instanceof GatewayRefusedError || error instanceof GatewayUnavailableError
            ? error.message
            : 'The payment gateway failed.';
        log.warn({ paymentId: id, err: error }, 'zarinpal request failed');
        await repo.settleUnpaid(id, 'FAILED', reason, { now: clock.now() });
        throw new ChaparError('BAD_GATEWAY', `${reason} Nothing was charged; try again in a few minutes.`);
      }
    },

    payments: (filter) => repo.list(filter),
    payment: (owner, id) => repo.get(owner, id),

    async submitReceipt(userId, paymentId, file, fileName) {
      const current = await payment(userId, paymentId);
      if (current.provider !== 'manual') {
        throw new ChaparError('BAD_REQUEST', 'Receipts are for manual transfers only.', 'paymentId');
      }
      if (current.status !== 'PENDING') {
        throw new ChaparError('CONFLICT', `This payment is already ${current.status.toLowerCase()}.`);
      }
      if (file.size > RECEIPT_MAX_BYTES) {
        throw new ChaparError('BAD_REQUEST', 'A receipt can be 10 MB at most.', 'file');
      }
      const bytes = Buffer.from(await file.arrayBuffer());
      const type = await (await import('file-type')).fileTypeFromBuffer(bytes);
      if (!type || !RECEIPT_TYPES.has(type.mime)) {
        throw new ChaparError(
          'BAD_REQUEST',
          'Upload the receipt as a JPEG, PNG or WebP image, or a PDF.',
          'file',
        );
      }
      const uploadId = await storeUpload(db, options.dataDir, {
        userId,
        bytes,
        mimeType: type.mime,
        kind: type.mime === 'application/pdf' ? 'document' : 'image',
        fileName,
      });
      if (!(await repo.attachReceipt(userId, paymentId, uploadId))) {
        throw new ChaparError(
          'CONFLICT',
          'This payment was settled meanwhile; the receipt was not attached.',
        );
      }
      return payment(userId, paymentId);
    },

    async approve(adminId, id, audit) {
      const current = await payment(null, id);
      if (current.provider !== 'manual') {
        throw new ChaparError(
          'BAD_REQUEST',
          'Only manual transfers are approved by hand; ZarinPal confirms its own.',
        );
      }
      if (!(await markPaid(id, { reviewedById: adminId, audit: audit?.(current, current) }))) {
        throw new ChaparError(
          'CONFLICT',
          `This payment is already ${(await payment(null, id)).status.toLowerCase()}.`,
        );
      }
      log.info({ paymentId: id, adminId }, 'manual payment approved');
      return payment(null, id);
    },

    async reject(adminId, id, reason, audit) {
      const current = await payment(null, id);
      if (current.provider !== 'manual') {
        throw new ChaparError('BAD_REQUEST', 'Only manual transfers are rejected by hand.');
      }
      const settled = await repo.settleUnpaid(id, 'REJECTED', reason, {
        reviewedById: adminId,
        now: clock.now(),
        audit: audit?.(current, current),
      });
      if (!settled) {
        throw new ChaparError(
          'CONFLICT',
          `This payment is already ${(await payment(null, id)).status.toLowerCase()}.`,
        );
      }
      return payment(null, id);
    },

    async grant(adminId, input, audit) {
      const now = clock.now();
      if (!(await userExists(db, input.userId))) throw notFound('User');
      const subscription = await grantSubscription(
        db,
        {
          userId: input.userId,
          days: input.days,
          messages: input.messages,
          source: 'GRANT',
          grantedById: adminId,
        },
        audit,
        now,
      );
      await funded(input.userId);
      return subscription;
    },
  };

  return {
    port,
    completeZarinpal: (reference: string, status: string) =>
      completeZarinpal({ repo, gateway: options.zarinpal, markPaid, clock, log }, reference, status),
    receiptFile: (owner: number | null, id: number) => receiptFile(db, options.dataDir, owner, id),
  };
}

export type Billing = ReturnType<typeof createBilling>;
