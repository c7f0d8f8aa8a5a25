import type { PackageStatus, PaymentProvider, PaymentStatus } from '@chapar/domain';
import type { z } from 'zod';
import type { zPackage, zPayment, zSubscription } from '../schemas';
import type { AuditOf } from './audit';
import type { Page } from './page';

export type PackageRecord = z.input<typeof zPackage>;
export type SubscriptionRecord = z.input<typeof zSubscription>;
export type PaymentRecord = z.input<typeof zPayment>;

export interface SubscriptionsPort {
  /** The subscription a send would consume from now: unexpired, with messages left. */
  usable(userId: number): Promise<SubscriptionRecord | null>;
  current(userId: number): Promise<SubscriptionRecord | null>;
}

export interface PackagesPort {
  list(filter: { status?: PackageStatus }): Promise<PackageRecord[]>;
  create(input: Omit<PackageRecord, 'id'>, audit?: AuditOf<PackageRecord>): Promise<PackageRecord>;
  update(
    id: number,
    patch: Partial<Omit<PackageRecord, 'id'>>,
    audit?: AuditOf<PackageRecord>,
  ): Promise<PackageRecord | null>;
}

/** Checkout, payment history and review, and subscriptions granted by hand. */
export interface BillingPort {
  /** The providers this server offers at checkout, and the manual-transfer instructions. */
  options(): { providers: PaymentProvider[]; currency: string; manualInstructions: string };
  /** A PENDING payment for an ACTIVE package; `redirectUrl` is the gateway to send the payer to. */
  checkout(
    user: { id: number; email: string; phone: string },
    input: { packageId: number; provider: PaymentProvider },
  ): Promise<{ payment: PaymentRecord; redirectUrl: string | null }>;
  /** userId null: every user's (admin use). Newest first. */
  payments(filter: {
    userId?: number;
    status?: PaymentStatus;
    cursor?: number | null;
    limit: number;
  }): Promise<Page<PaymentRecord>>;
  /** owner null: any user's (admin use); null when missing or someone else's. */
  payment(owner: number | null, id: number): Promise<PaymentRecord | null>;
  /** Manual transfers: stores the receipt (image or PDF) on the user's PENDING payment. */
  submitReceipt(userId: number, paymentId: number, file: Blob, fileName: string): Promise<PaymentRecord>;
  /** Manual transfers: PENDING → PAID, granting the package once; CONFLICT when already settled. */
  approve(adminId: number, id: number, audit?: AuditOf<PaymentRecord>): Promise<PaymentRecord>;
  /** Manual transfers: PENDING → REJECTED with the reason the user will read. */
  reject(adminId: number, id: number, reason: string, audit?: AuditOf<PaymentRecord>): Promise<PaymentRecord>;
  /** Extends the user's subscription in force (days and messages add up) or starts one. */
  grant(
    adminId: number,
    input: { userId: number; days: number; messages: number },
    audit?: AuditOf<SubscriptionRecord>,
  ): Promise<SubscriptionRecord>;
}
