import type { z } from 'zod';
import type { zAuditEntry } from '../schemas';
import type { Page } from './page';

export type AuditEntryRecord = z.input<typeof zAuditEntry>;

/** One thing an administrator did. */
export interface AuditEntry {
  actorId: number | null;
  /** Dotted verb: `user.ban`, `user.role`, `subscription.grant`, `payment.approve`, ... */
  action: string;
  targetType: string;
  targetId: number | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

/**
 * The audit entries of a change, from the row before it (null for a new row; for payments the
 * row as found before settling) and after it. The port that makes the change writes them in
 * the same transaction: a change is never kept without its entries, nor entries without it.
 */
export type AuditOf<T> = (before: T | null, after: T) => AuditEntry[];

/** What administrators did. Entries are written by the port whose change they record. */
export interface AuditLogPort {
  /** Newest first. */
  list(filter: {
    actorId?: number;
    action?: string;
    targetType?: string;
    targetId?: number;
    cursor?: number | null;
    limit: number;
  }): Promise<Page<AuditEntryRecord>>;
}
