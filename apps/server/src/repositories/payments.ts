import type { AuditEntry, Page, PaymentRecord } from '@chapar/api';
import { type Database, packages, payments, uploads, users } from '@chapar/db';
import type { PaymentStatus } from '@chapar/domain';
import { and, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from './audit-log';
import { addToSubscription } from './subscriptions';
import { pageOf } from './util';

const columns = {
  id: payments.id,
  userId: payments.userId,
  userName: users.name,
  userEmail: users.email,
  packageId: payments.packageId,
  packageTitle: packages.title,
  amount: payments.amount,
  currency: payments.currency,
  provider: payments.provider,
  status: payments.status,
  reference: payments.reference,
  providerRef: payments.providerRef,
  payerDetail: payments.payerDetail,
  hasReceipt: sql<number>`${payments.receiptUploadId} IS NOT NULL`.mapWith((v) => Boolean(Number(v))),
  failureReason: payments.failureReason,
  reviewedAt: payments.reviewedAt,
  paidAt: payments.paidAt,
  createdAt: payments.createdAt,
};

/** Payment rows with the user's and package's names; ownership checked in every query. */
export function createPaymentsRepository(db: Database) {
  const select = (where: SQL | undefined) =>
    db
      .select(columns)
      .from(payments)
      .innerJoin(users, eq(users.id, payments.userId))
      .innerJoin(packages, eq(packages.id, payments.packageId))
      .where(where);

  return {
    async get(owner: number | null, id: number): Promise<PaymentRecord | null> {
      const [row] = await select(
        and(eq(payments.id, id), owner === null ? undefined : eq(payments.userId, owner)),
      ).limit(1);
      return (row as PaymentRecord | undefined) ?? null;
    },

    async byReference(provider: 'zarinpal', reference: string) {
      const [row] = await db
        .select({
          id: payments.id,
          status: payments.status,
          amount: payments.amount,
          createdAt: payments.createdAt,
        })
        .from(payments)
        .where(and(eq(payments.provider, provider), eq(payments.reference, reference)))
        .limit(1);
      return row ?? null;
    },

    async list(filter: {
      userId?: number;
      status?: PaymentStatus;
      cursor?: number | null;
      limit: number;
    }): Promise<Page<PaymentRecord>> {
      const rows = await select(
        and(
          filter.userId ? eq(payments.userId, filter.userId) : undefined,
          filter.status ? eq(payments.status, filter.status) : undefined,
          filter.cursor ? lt(payments.id, filter.cursor) : undefined,
        ),
      )
        .orderBy(desc(payments.id))
        .limit(filter.limit + 1);
      return pageOf(rows as PaymentRecord[], filter.limit);
    },

    async create(row: {
      userId: number;
      packageId: number;
      amount: string;
      currency: string;
      provider: 'zarinpal' | 'manual';
      now: Date;
    }): Promise<number> {
      const { now, ...values } = row;
      const [inserted] = await db
        .insert(payments)
        .values({ ...values, status: 'PENDING', createdAt: now, updatedAt: now })
        .$returningId();
      return inserted!.id;
    },

    setReference: (id: number, reference: string) =>
      db.update(payments).set({ reference }).where(eq(payments.id, id)),

    /** PENDING → a final unpaid status; false when it was already settled. */
    async settleUnpaid(
      id: number,
      status: 'FAILED' | 'CANCELLED' | 'REJECTED',
      reason: string,
      extra: { reviewedById?: number; now: Date; audit?: AuditEntry[] },
    ): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [result] = await tx
          .update(payments)
          .set({
            status,
            failureReason: reason.slice(0, 500),
            ...(extra.reviewedById ? { reviewedById: extra.reviewedById, reviewedAt: extra.now } : {}),
          })
          .where(and(eq(payments.id, id), eq(payments.status, 'PENDING')));
        if (result.affectedRows !== 1) return false;
        await writeAudit(tx, extra.audit, extra.now);
        return true;
      });
    },

    /** The receipt of the user's own PENDING manual payment; false when not allowed. */
    async attachReceipt(userId: number, id: number, uploadId: number): Promise<boolean> {
      const [result] = await db
        .update(payments)
        .set({ receiptUploadId: uploadId })
        .where(
          and(
            eq(payments.id, id),
            eq(payments.userId, userId),
            eq(payments.provider, 'manual'),
            eq(payments.status, 'PENDING'),
          ),
        );
      return result.affectedRows === 1;
    },
  };
}

/** The stored receipt of a payment (owner null: any user's, for admins). */
export async function findReceiptUpload(db: Database, owner: number | null, id: number) {
  const [row] = await db
    .select({ sha256: uploads.sha256, mimeType: uploads.mimeType, fileName: uploads.fileName })
    .from(payments)
    .innerJoin(uploads, eq(uploads.id, payments.receiptUploadId))
    .where(and(eq(payments.id, id), owner === null ? undefined : eq(payments.userId, owner)))
    .limit(1);
  return row;
}

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;

export interface PaidDetail {
  providerRef?: string | null;
  payerDetail?: string | null;
  reviewedById?: number;
  /** Written with the payment turning PAID, and only then. */
  audit?: AuditEntry[];
}

/**
 * PENDING (or one of `from`) → PAID and the package granted, in one transaction; false when
 * the payment was already paid or otherwise settled. The guarded update is what makes
 * replays and double approvals harmless.
 */
export function markPaidAndGrant(
  db: Database,
  id: number,
  detail: PaidDetail,
  now: Date,
  from: readonly PaymentStatus[] = ['PENDING'],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [paid] = await tx
      .update(payments)
      .set({
        status: 'PAID',
        paidAt: now,
        failureReason: null,
        providerRef: detail.providerRef ?? null,
        payerDetail: detail.payerDetail ?? null,
        ...(detail.reviewedById ? { reviewedById: detail.reviewedById, reviewedAt: now } : {}),
      })
      .where(and(eq(payments.id, id), inArray(payments.status, [...from])));
    if (paid.affectedRows !== 1) return false;
    const [bought] = await tx
      .select({
        userId: payments.userId,
        packageId: packages.id,
        duration: packages.duration,
        messageLimit: packages.messageLimit,
      })
      .from(payments)
      .innerJoin(packages, eq(packages.id, payments.packageId))
      .where(eq(payments.id, id));
    // A package deactivated since checkout still delivers what was paid for.
    await addToSubscription(
      tx,
      {
        userId: bought!.userId,
        days: bought!.duration,
        messages: bought!.messageLimit,
        source: 'PURCHASE',
        packageId: bought!.packageId,
        paymentId: id,
      },
      now,
    );
    await writeAudit(tx, detail.audit, now);
    return true;
  });
}
