import { campaigns, type Database } from '@chapar/db';
import type { CampaignStatus } from '@chapar/domain';
import { and, eq, sql } from 'drizzle-orm';
import mysql from 'mysql2';
import { refreshReadiness } from './campaign-transitions';

/**
 * Adding recipients to a campaign, shared by a pasted list (repositories/campaigns.ts
 * `addRecipients`) and a file import (services/recipient-import.ts). Both run in one
 * transaction that starts with `lockCampaignStatus`.
 */

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The campaign's status, its row locked: concurrent additions to one campaign apply one after the other. */
export async function lockCampaignStatus(
  tx: Tx,
  userId: number,
  campaignId: number,
): Promise<CampaignStatus | undefined> {
  const [locked] = await tx
    .select({ status: campaigns.status })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.userId, userId)))
    .for('update');
  return locked?.status;
}

/**
 * One multi-row INSERT IGNORE as plain SQL text: for thousands of rows, escaping with
 * mysql2 is several times cheaper than binding one parameter per value. The unique
 * (campaign, phone) index drops numbers the campaign already has. Answers how many were stored.
 */
export async function insertRecipientRows(
  tx: Tx,
  campaignId: number,
  rows: ReadonlyArray<{ phone: string; name: string | null; variables: Record<string, string> | null }>,
): Promise<number> {
  const values = rows.map(
    (r) =>
      `(${campaignId},${mysql.escape(r.phone)},${mysql.escape(r.name)},${r.variables ? mysql.escape(JSON.stringify(r.variables)) : 'NULL'},'PENDING')`,
  );
  const [inserted] = await tx.execute(
    sql.raw(
      `INSERT IGNORE INTO recipients (campaign_id, phone, name, variables, status) VALUES ${values.join(',')}`,
    ),
  );
  return (inserted as unknown as { affectedRows: number }).affectedRows;
}

/** After `added` new recipients: the total, the campaign's variable names and its readiness follow. */
export async function recordAddedRecipients(
  tx: Tx,
  campaignId: number,
  added: number,
  variableKeys: Iterable<string>,
): Promise<void> {
  await tx
    .update(campaigns)
    .set({
      totalRecipients: sql`${campaigns.totalRecipients} + ${added}`,
      updatedAt: new Date(),
    })
    .where(eq(campaigns.id, campaignId));
  await mergeVariableKeys(tx, campaignId, variableKeys);
  await refreshReadiness(tx, campaignId);
}

/** Adds variable names to the campaign's list (inside the caller's transaction). */
async function mergeVariableKeys(
  tx: Pick<Database, 'select' | 'update'>,
  campaignId: number,
  keys: Iterable<string>,
) {
  const incoming = [...new Set(keys)];
  if (incoming.length === 0) return;
  const [row] = await tx
    .select({ keys: campaigns.variableKeys })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  const merged = [...new Set([...(row?.keys ?? []), ...incoming])];
  if (merged.length !== (row?.keys ?? []).length) {
    await tx.update(campaigns).set({ variableKeys: merged }).where(eq(campaigns.id, campaignId));
  }
}
