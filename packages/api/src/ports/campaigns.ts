import type {
  CampaignInterval,
  CampaignStatus,
  CampaignTransition,
  PauseCause,
  RecipientStatus,
} from '@chapar/domain';
import type { z } from 'zod';
import type { ReasonParams } from '../reasons';
import type { CampaignProgress, zCampaign, zRecipient } from '../schemas';
import type { AuditEntry } from './audit';
import type { Page } from './page';

export type CampaignRecord = z.input<typeof zCampaign>;
export type RecipientRecord = z.input<typeof zRecipient>;

export interface PacingInput {
  batchSize?: number;
  batchPauseSeconds?: number;
  typing?: boolean;
}

export interface NewRecipient {
  phone: string;
  name: string | null;
  variables: Record<string, string> | null;
}

/** Filters of a campaigns list; every one optional except the page size. */
export interface CampaignListFilter {
  status?: CampaignStatus | undefined;
  whatsappAccountId?: number | undefined;
  /** Admin use (owner null): one user's campaigns. */
  userId?: number | undefined;
  /** Part of the title (or the campaign's number). */
  search?: string | undefined;
  /** Created at or after / before (exclusive) these instants. */
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
  /** Also count every match (one extra COUNT query). */
  withTotal?: boolean | undefined;
  cursor?: number | null | undefined;
  limit: number;
}

export type RecipientSortField = 'id' | 'phone' | 'name' | 'sentAt' | 'status';

export interface RecipientFilter {
  status?: RecipientStatus | undefined;
  /** Any of these statuses (a tab such as "sent" covers SENT, DELIVERED and READ). */
  statuses?: readonly RecipientStatus[] | undefined;
  /** Part of the phone number (digits) or of the name. */
  search?: string | undefined;
  sort?: { by: RecipientSortField; dir: 'asc' | 'desc' } | undefined;
  /** The id of the previous page's last row. */
  cursor?: number | null | undefined;
  limit: number;
}

export interface CampaignsPort {
  list(owner: number | null, filter: CampaignListFilter): Promise<Page<CampaignRecord> & { total?: number }>;
  /** owner null: any user's (admin use). */
  get(owner: number | null, id: number): Promise<CampaignRecord | null>;
  create(
    userId: number,
    input: {
      title: string | null;
      message: string;
      interval: CampaignInterval;
      whatsappAccountId: number;
    } & PacingInput,
  ): Promise<CampaignRecord>;
  /** Only in an editable status; answers null when the guard fails. */
  update(
    userId: number,
    id: number,
    patch: {
      title?: string | null;
      message?: string;
      interval?: CampaignInterval;
      whatsappAccountId?: number;
    },
  ): Promise<CampaignRecord | null>;
  remove(userId: number, id: number): Promise<boolean>;
  /** Stops a user's RUNNING and SCHEDULED campaigns (ban); answers how many. */
  pauseAllOfUser(userId: number, reason: string): Promise<number>;
  /** `title` names the copy; without it, the source's title with " (copy)". */
  duplicate(userId: number, id: number, title?: string): Promise<CampaignRecord | null>;
  /**
   * Stores the rows in one transaction, skipping phones already in the campaign and
   * phones on the owner's opt-out list. Answers how many were stored and skipped.
   */
  addRecipients(
    userId: number,
    campaignId: number,
    rows: NewRecipient[],
  ): Promise<{ added: number; duplicates: number; optedOut: number }>;
  /** Keyset pages in any sort order; the cursor is the last row's id, whatever the sort. */
  recipients(campaignId: number, filter: RecipientFilter): Promise<Page<RecipientRecord>>;
  /** One guarded UPDATE; false when the campaign was not in a `from` status. */
  transition(
    id: number,
    transition: CampaignTransition,
    extra?: {
      scheduledAt?: Date | null;
      pausedReason?: string | null;
      pauseCause?: PauseCause | null;
      /** The values `pausedReason` says (reasons.ts, PAUSED_<cause>). */
      pausedParams?: ReasonParams | null;
      /** Written with the transition, and only when it happens. */
      audit?: AuditEntry[];
    },
  ): Promise<boolean>;
  progress(id: number): Promise<CampaignProgress | null>;
  /** One recipient of the campaign (the first when no id is given), for previews. */
  recipient(campaignId: number, recipientId?: number): Promise<RecipientRecord | null>;
  pendingCount(id: number): Promise<number>;
}

/** Campaign attachments: checked by content, stored by content hash. */
export interface MediaPort {
  attach(userId: number, campaignId: number, file: Blob, fileName: string): Promise<CampaignRecord>;
  detach(userId: number, campaignId: number): Promise<CampaignRecord | null>;
}

/** Message events of one user counted over a range of time (whole quarter hours). */
export interface MessageBucket {
  /** Start of the range (of its first quarter hour). */
  at: Date;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

export interface DashboardPort {
  /**
   * Sends, deliveries, reads (by their own timestamps) and failures (by attempt time) summed
   * per range: one bucket for each of `starts` that has any, covering up to the next start
   * (the last up to `to`). Counted per quarter hour (UTC-aligned, so any time zone's days
   * add up): a quarter hour belongs to the range its start falls in.
   */
  activity(userId: number, starts: Date[], to: Date): Promise<MessageBucket[]>;
}
