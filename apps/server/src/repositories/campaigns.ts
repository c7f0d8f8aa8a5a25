import type {
  CampaignListFilter,
  CampaignRecord,
  CampaignsPort,
  EventBus,
  RecipientFilter,
} from '@chapar/api';
import { campaigns, type Database, optOuts, recipients, uploads } from '@chapar/db';
import {
  EDITABLE_STATUSES,
  RECIPIENT_STATUSES,
  REMOVABLE_STATUSES,
  type RecipientStatus,
} from '@chapar/domain';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { publishProgress, readProgress } from './campaign-progress';
import { lockCampaignStatus, recordAddedRecipients } from './campaign-recipients';
import { refreshReadiness, transitionCampaign } from './campaign-transitions';
import { addSendingAsFailed, subtractCampaign } from './rollups';
import { chunks, escapeLike, pageOf } from './util';

const INSERT_CHUNK = 1_000;

const campaignColumns = {
  id: campaigns.id,
  userId: campaigns.userId,
  whatsappAccountId: campaigns.whatsappAccountId,
  title: campaigns.title,
  message: campaigns.message,
  interval: campaigns.interval,
  status: campaigns.status,
  isConnected: campaigns.isConnected,
  totalRecipients: campaigns.totalRecipients,
  sentCount: campaigns.sentCount,
  failedCount: campaigns.failedCount,
  deliveredCount: campaigns.deliveredCount,
  readCount: campaigns.readCount,
  skippedCount: campaigns.skippedCount,
  batchSize: campaigns.batchSize,
  batchPauseSeconds: campaigns.batchPauseSeconds,
  typing: campaigns.typing,
  variableKeys: campaigns.variableKeys,
  mediaUploadId: campaigns.mediaUploadId,
  mediaFileName: uploads.fileName,
  mediaMimeType: uploads.mimeType,
  mediaKind: uploads.kind,
  mediaSize: uploads.size,
  scheduledAt: campaigns.scheduledAt,
  pausedReason: campaigns.pausedReason,
  pauseCause: campaigns.pauseCause,
  startedAt: campaigns.startedAt,
  completedAt: campaigns.completedAt,
  createdAt: campaigns.createdAt,
  updatedAt: campaigns.updatedAt,
};

const recipientColumns = {
  id: recipients.id,
  phone: recipients.phone,
  name: recipients.name,
  variables: recipients.variables,
  status: recipients.status,
  whatsappMessageId: recipients.whatsappMessageId,
  sentAt: recipients.sentAt,
  deliveredAt: recipients.deliveredAt,
  readAt: recipients.readAt,
  error: recipients.error,
};

/** Persian and Arabic-Indic digits read as ASCII, so "۰۹۱۲" finds +98912…. */
function asciiDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

function campaignConditions(owner: number | null, filter: CampaignListFilter): Array<SQL | undefined> {
  const { status, whatsappAccountId, userId, search, createdFrom, createdTo } = filter;
  const conditions: Array<SQL | undefined> = [
    owner == null ? undefined : eq(campaigns.userId, owner),
    userId ? eq(campaigns.userId, userId) : undefined,
    status ? eq(campaigns.status, status) : undefined,
    whatsappAccountId ? eq(campaigns.whatsappAccountId, whatsappAccountId) : undefined,
    createdFrom ? gte(campaigns.createdAt, createdFrom) : undefined,
    createdTo ? lt(campaigns.createdAt, createdTo) : undefined,
  ];
  const term = search?.trim();
  if (term) {
    // "#12" or "12" also finds the campaign numbered 12 (how untitled campaigns are shown).
    const number = /^#?(\d{1,15})$/.exec(asciiDigits(term));
    conditions.push(
      or(
        like(campaigns.title, `%${escapeLike(term)}%`),
        number ? eq(campaigns.id, Number(number[1])) : undefined,
      ),
    );
  }
  return conditions;
}

/** The recipients' search: digits match inside the number (a leading 0 dropped), text inside the name. */
function recipientSearch(search: string): SQL | undefined {
  const term = search.trim();
  if (!term) return undefined;
  const digits = asciiDigits(term).replace(/[\s()+-]/g, '');
  const byName = like(recipients.name, `%${escapeLike(term)}%`);
  if (/^\d+$/.test(digits)) {
    return or(like(recipients.phone, `%${digits.replace(/^0+/, '') || '0'}%`), byName);
  }
  return byName;
}

/**
 * Keyset pages in every sort order. The phone is unique within a campaign, so it orders
 * alone (straight off recipients_campaign_phone_uq); the other orders end with the id so
 * rows never tie. NULL names and send times come first ascending and last descending, as
 * MySQL sorts them, with no expression over the column that would stop an index being used.
 * Status sorts in the enum's order (that of recipients_campaign_status_idx).
 */
function afterCursor(
  sort: NonNullable<RecipientFilter['sort']>,
  row: { id: number; phone: string; name: string | null; sentAt: Date | null; status: RecipientStatus },
): SQL | undefined {
  const asc_ = sort.dir === 'asc';
  const beyond = asc_ ? gt : lt;
  const idBeyond = beyond(recipients.id, row.id);
  if (sort.by === 'id') return idBeyond;
  if (sort.by === 'phone') return beyond(recipients.phone, row.phone);
  if (sort.by === 'status') {
    // Equality on the enum (never < or > on it: MySQL compares ENUM to a string as text).
    const at = RECIPIENT_STATUSES.indexOf(row.status);
    const later = RECIPIENT_STATUSES.filter((_, i) => (asc_ ? i > at : i < at));
    return or(
      later.length ? inArray(recipients.status, later) : undefined,
      and(eq(recipients.status, row.status), idBeyond),
    );
  }
  const column = sort.by === 'name' ? recipients.name : recipients.sentAt;
  const value = sort.by === 'name' ? row.name : row.sentAt;
  if (value === null) {
    // Ascending, the NULLs come first and every value follows; descending, they come last.
    return asc_ ? or(and(isNull(column), idBeyond), isNotNull(column)) : and(isNull(column), idBeyond);
  }
  return or(beyond(column, value), and(eq(column, value), idBeyond), asc_ ? undefined : isNull(column));
}

function recipientOrder(sort: NonNullable<RecipientFilter['sort']>): SQL[] {
  const direction = sort.dir === 'asc' ? asc : desc;
  const column = {
    id: recipients.id,
    phone: recipients.phone,
    name: recipients.name,
    sentAt: recipients.sentAt,
    status: recipients.status,
  }[sort.by];
  if (sort.by === 'id' || sort.by === 'phone') return [direction(column)];
  return [direction(column), direction(recipients.id)];
}

type CampaignRow = Awaited<ReturnType<ReturnType<typeof selectCampaigns>['execute']>>[number];

/** Campaigns with their attachment's details (one LEFT JOIN, no lateral queries). */
function selectCampaigns(db: Database) {
  return db
    .select(campaignColumns)
    .from(campaigns)
    .leftJoin(uploads, eq(uploads.id, campaigns.mediaUploadId))
    .$dynamic();
}

function toRecord(row: CampaignRow): CampaignRecord {
  const { mediaUploadId, mediaFileName, mediaMimeType, mediaKind, mediaSize, variableKeys, ...rest } = row;
  return {
    ...rest,
    variableKeys: variableKeys ?? [],
    media:
      mediaUploadId != null && mediaFileName != null
        ? {
            uploadId: mediaUploadId,
            fileName: mediaFileName,
            mimeType: mediaMimeType!,
            kind: mediaKind as 'image' | 'video' | 'audio' | 'document',
            size: mediaSize!,
          }
        : null,
  };
}

/** Every RUNNING campaign with its owner (the billing sweep checks each owner's funds). */
export function runningCampaignOwners(db: Database) {
  return db
    .select({ id: campaigns.id, userId: campaigns.userId })
    .from(campaigns)
    .where(eq(campaigns.status, 'RUNNING'));
}

/** The user's campaigns paused for want of messages or time (they resume once money arrives). */
export async function quotaPausedCampaignIds(db: Database, userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(
      and(eq(campaigns.userId, userId), eq(campaigns.status, 'PAUSED'), eq(campaigns.pauseCause, 'QUOTA')),
    );
  return rows.map((r) => r.id);
}

/** Sets or clears the attachment while the campaign is editable; false when it is not (or not the user's). */
export async function setCampaignMedia(
  db: Database,
  userId: number,
  campaignId: number,
  uploadId: number | null,
): Promise<boolean> {
  const [result] = await db
    .update(campaigns)
    .set({ mediaUploadId: uploadId, updatedAt: new Date() })
    .where(
      and(
        eq(campaigns.id, campaignId),
        eq(campaigns.userId, userId),
        inArray(campaigns.status, EDITABLE_STATUSES),
      ),
    );
  return result.affectedRows === 1;
}

export function createCampaignsPort(db: Database, bus: EventBus): CampaignsPort {
  const get = async (owner: number | null, id: number): Promise<CampaignRecord | null> => {
    const where =
      owner == null ? eq(campaigns.id, id) : and(eq(campaigns.id, id), eq(campaigns.userId, owner));
    const [row] = await selectCampaigns(db).where(where).limit(1);
    return row ? toRecord(row) : null;
  };
  const changed = async (id: number) => {
    await publishProgress(db, bus, id);
    return get(null, id);
  };

  return {
    get,

    async list(owner, filter) {
      const conditions = campaignConditions(owner, filter);
      const rows = await selectCampaigns(db)
        .where(and(...conditions, filter.cursor ? lt(campaigns.id, filter.cursor) : undefined))
        .orderBy(desc(campaigns.id))
        .limit(filter.limit + 1);
      const result = pageOf(rows.map(toRecord), filter.limit);
      if (!filter.withTotal) return result;
      const [total] = await db
        .select({ n: count() })
        .from(campaigns)
        .where(and(...conditions));
      return { ...result, total: total?.n ?? 0 };
    },

    async create(userId, input) {
      const now = new Date();
      const [row] = await db
        .insert(campaigns)
        .values({ ...input, userId, createdAt: now, updatedAt: now })
        .$returningId();
      await refreshReadiness(db, row!.id);
      return (await get(userId, row!.id))!;
    },

    async update(userId, id, patch) {
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const updated = await db.transaction(async (tx) => {
        const [result] = await tx
          .update(campaigns)
          .set({ ...set, updatedAt: new Date() })
          .where(
            and(
              eq(campaigns.id, id),
              eq(campaigns.userId, userId),
              inArray(campaigns.status, EDITABLE_STATUSES),
            ),
          );
        if (result.affectedRows !== 1) return false;
        if (patch.whatsappAccountId !== undefined) {
          // A send interrupted on the old account can only be checked by that account;
          // the new one would answer "never sent" and send it again. Settle it instead.
          await addSendingAsFailed(tx, id);
          const [interrupted] = await tx
            .update(recipients)
            .set({
              status: 'FAILED',
              error:
                'The account changed while this send was in progress; it may have gone out, so it was not sent again.',
            })
            .where(and(eq(recipients.campaignId, id), eq(recipients.status, 'SENDING')));
          if (interrupted.affectedRows > 0) {
            await tx
              .update(campaigns)
              .set({ failedCount: sql`${campaigns.failedCount} + ${interrupted.affectedRows}` })
              .where(eq(campaigns.id, id));
          }
        }
        await refreshReadiness(tx, id);
        return true;
      });
      if (!updated) return null;
      return changed(id);
    },

    async pauseAllOfUser(userId, reason) {
      const active = and(eq(campaigns.userId, userId), inArray(campaigns.status, ['RUNNING', 'SCHEDULED']));
      const ids = (await db.select({ id: campaigns.id }).from(campaigns).where(active)).map((r) => r.id);
      if (ids.length === 0) return 0;
      // All or none: a ban never leaves some of the user's campaigns still sending.
      const paused = await db.transaction(async (tx) => {
        let n = 0;
        for (const id of ids) {
          if (await transitionCampaign(tx, id, 'pause', { pauseCause: 'USER', pausedReason: reason })) n++;
        }
        return n;
      });
      // Live pages (the owner's, an admin's) and the engine hear of each pause at once.
      for (const id of ids) await publishProgress(db, bus, id);
      return paused;
    },

    async remove(userId, id) {
      return db.transaction(async (tx) => {
        const removable = and(
          eq(campaigns.id, id),
          eq(campaigns.userId, userId),
          inArray(campaigns.status, REMOVABLE_STATUSES),
        );
        const [row] = await tx.select({ id: campaigns.id }).from(campaigns).where(removable).for('update');
        if (!row) return false;
        // Its messages leave the dashboard's counts with it, as a rebuild would count them.
        await subtractCampaign(tx, id);
        const [result] = await tx.delete(campaigns).where(removable);
        return result.affectedRows === 1;
      });
    },

    async duplicate(userId, id, title) {
      const source = await get(userId, id);
      if (!source) return null;
      const now = new Date();
      const copyId = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(campaigns)
          .values({
            userId,
            whatsappAccountId: source.whatsappAccountId,
            title: title ?? (source.title ? `${source.title} (copy)`.slice(0, 255) : null),
            message: source.message,
            interval: source.interval,
            batchSize: source.batchSize,
            batchPauseSeconds: source.batchPauseSeconds,
            typing: source.typing,
            mediaUploadId: source.media?.uploadId ?? null,
            variableKeys: source.variableKeys,
            createdAt: now,
            updatedAt: now,
          })
          .$returningId();
        const newId = row!.id;
        const [copied] = await tx.execute(sql`
          INSERT INTO recipients (campaign_id, phone, name, variables, status)
          SELECT ${newId}, phone, name, variables, 'PENDING' FROM recipients WHERE campaign_id = ${id}`);
        await tx
          .update(campaigns)
          .set({ totalRecipients: (copied as unknown as { affectedRows: number }).affectedRows })
          .where(eq(campaigns.id, newId));
        await refreshReadiness(tx, newId);
        return newId;
      });
      return get(userId, copyId);
    },

    async addRecipients(userId, campaignId, rows) {
      const outcome = await db.transaction(async (tx) => {
        // Row lock: concurrent batches for one campaign apply one after the other.
        const status = await lockCampaignStatus(tx, userId, campaignId);
        if (!status || !EDITABLE_STATUSES.includes(status)) return null;
        const phones = rows.map((r) => r.phone);
        const existing = new Set<string>();
        const optedOut = new Set<string>();
        for (const part of chunks(phones, INSERT_CHUNK)) {
          const present = await tx
            .select({ phone: recipients.phone })
            .from(recipients)
            .where(and(eq(recipients.campaignId, campaignId), inArray(recipients.phone, part)));
          for (const r of present) existing.add(r.phone);
          const blocked = await tx
            .select({ phone: optOuts.phone })
            .from(optOuts)
            .where(and(eq(optOuts.userId, userId), inArray(optOuts.phone, part)));
          for (const r of blocked) optedOut.add(r.phone);
        }
        const fresh = rows.filter((r) => !existing.has(r.phone) && !optedOut.has(r.phone));
        for (const part of chunks(fresh, INSERT_CHUNK)) {
          await tx.insert(recipients).values(part.map((r) => ({ ...r, campaignId })));
        }
        if (fresh.length > 0) {
          await recordAddedRecipients(
            tx,
            campaignId,
            fresh.length,
            fresh.flatMap((r) => Object.keys(r.variables ?? {})),
          );
        }
        return {
          added: fresh.length,
          duplicates: rows.filter((r) => existing.has(r.phone)).length,
          optedOut: rows.filter((r) => !existing.has(r.phone) && optedOut.has(r.phone)).length,
        };
      });
      if (!outcome) return { added: 0, duplicates: 0, optedOut: 0 };
      await publishProgress(db, bus, campaignId);
      return outcome;
    },

    async recipients(
      campaignId,
      { status, statuses, search, sort = { by: 'id', dir: 'asc' }, cursor, limit },
    ) {
      const conditions: Array<SQL | undefined> = [eq(recipients.campaignId, campaignId)];
      if (status) conditions.push(eq(recipients.status, status));
      if (statuses) {
        if (statuses.length === 0) return { items: [], nextCursor: null };
        conditions.push(inArray(recipients.status, [...statuses]));
      }
      if (search) conditions.push(recipientSearch(search));
      if (cursor) {
        const [last] = await db
          .select({
            id: recipients.id,
            phone: recipients.phone,
            name: recipients.name,
            sentAt: recipients.sentAt,
            status: recipients.status,
          })
          .from(recipients)
          .where(and(eq(recipients.campaignId, campaignId), eq(recipients.id, cursor)))
          .limit(1);
        // A cursor from another campaign (or a removed row) continues nothing.
        if (!last) return { items: [], nextCursor: null };
        conditions.push(afterCursor(sort, last));
      }
      const rows = await db
        .select(recipientColumns)
        .from(recipients)
        .where(and(...conditions))
        .orderBy(...recipientOrder(sort))
        .limit(limit + 1);
      return pageOf(rows, limit);
    },

    async transition(id, transition, extra = {}) {
      const moved = await db.transaction((tx) => transitionCampaign(tx, id, transition, extra));
      if (moved) await publishProgress(db, bus, id);
      return moved;
    },

    progress: (id) => readProgress(db, id),

    async recipient(campaignId, recipientId) {
      const [row] = await db
        .select(recipientColumns)
        .from(recipients)
        .where(
          recipientId === undefined
            ? eq(recipients.campaignId, campaignId)
            : and(eq(recipients.campaignId, campaignId), eq(recipients.id, recipientId)),
        )
        .orderBy(asc(recipients.id))
        .limit(1);
      return row ?? null;
    },

    async pendingCount(id) {
      const [row] = await db
        .select({ n: count() })
        .from(recipients)
        .where(and(eq(recipients.campaignId, id), eq(recipients.status, 'PENDING')));
      return row?.n ?? 0;
    },
  };
}
