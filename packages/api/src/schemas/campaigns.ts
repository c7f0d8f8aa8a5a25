import { zCampaignStatus, zInterval, zPauseCause, zRecipientStatus } from '@chapar/domain';
import { z } from 'zod';
import { zId, zIsoDate, zPhoneProblem, zReason } from './common';

// Campaigns, their recipients, imports and opt-outs.

export const zCampaign = z.object({
  id: zId,
  userId: zId,
  whatsappAccountId: zId.nullable(),
  title: z.string().nullable(),
  message: z.string(),
  interval: zInterval,
  status: zCampaignStatus,
  isConnected: z.boolean(),
  totalRecipients: z.number().int(),
  sentCount: z.number().int(),
  failedCount: z.number().int(),
  deliveredCount: z.number().int(),
  readCount: z.number().int(),
  skippedCount: z.number().int(),
  batchSize: z.number().int(),
  batchPauseSeconds: z.number().int(),
  typing: z.boolean(),
  /** The attachment sent with every message (the message is its caption). */
  media: z
    .object({
      uploadId: zId,
      fileName: z.string(),
      mimeType: z.string(),
      kind: z.enum(['image', 'video', 'audio', 'document']),
      size: z.number().int(),
    })
    .nullable(),
  /** Variable names the recipients carry besides name and phone (from imports). */
  variableKeys: z.array(z.string()),
  scheduledAt: zIsoDate.nullable(),
  pausedReason: z.string().nullable(),
  pauseCause: zPauseCause.nullable(),
  /** The values `pausedReason` says, for a client that says it by `pauseCause` (reason PAUSED_<cause>). */
  pausedParams: z.record(z.string(), z.unknown()).nullable(),
  startedAt: zIsoDate.nullable(),
  completedAt: zIsoDate.nullable(),
  createdAt: zIsoDate,
  updatedAt: zIsoDate,
});

export const zProgress = z.object({
  status: zCampaignStatus,
  totalRecipients: z.number().int(),
  sentCount: z.number().int(),
  failedCount: z.number().int(),
  deliveredCount: z.number().int(),
  readCount: z.number().int(),
  skippedCount: z.number().int(),
  pausedReason: z.string().optional(),
  pauseCause: zPauseCause.nullish(),
  pausedParams: z.record(z.string(), z.unknown()).nullish(),
  /** +1 on every change of the campaign (events with an older one are stale). */
  version: z.number().int().optional(),
});
export type CampaignProgress = z.infer<typeof zProgress>;

export const zRecipient = z.object({
  id: zId,
  phone: z.string(),
  name: z.string().nullable(),
  variables: z.record(z.string(), z.string()).nullable(),
  status: zRecipientStatus,
  whatsappMessageId: z.string().nullable(),
  sentAt: zIsoDate.nullable(),
  deliveredAt: zIsoDate.nullable(),
  readAt: zIsoDate.nullable(),
  /** Why it was not sent, in English; `errorCode` + `errorParams` say it as a reason (reasons.ts). */
  error: z.string().nullable(),
  errorCode: zReason.nullable(),
  errorParams: z.record(z.string(), z.unknown()).nullable(),
});
export const zImportReport = z.object({
  rows: z.number().int(),
  added: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.number().int(),
  optedOut: z.number().int(),
  rejected: z.array(
    z.object({ line: z.number().int(), value: z.string(), reason: z.string(), problem: zPhoneProblem }),
  ),
  rejectedTotal: z.number().int(),
  columns: z.array(z.string()),
  otherNumbers: z.array(z.object({ line: z.number().int(), phone: z.string(), others: z.array(z.string()) })),
  otherNumbersTotal: z.number().int(),
  columnChoice: z.object({
    detectedBy: z.enum(['mapping', 'header', 'content']),
    phone: z.array(z.string()),
    name: z.array(z.string()),
  }),
});

export const zImportPreview = z.object({
  headerLine: z.number().int().nullable(),
  columns: z.array(z.object({ index: z.number().int(), label: z.string() })),
  phone: z.number().int(),
  phones: z.array(z.number().int()),
  name: z.number().int().nullable(),
  nameParts: z.array(z.number().int()),
  detectedBy: z.enum(['mapping', 'header', 'content']),
  sample: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
});

export const zOptOut = z.object({
  id: zId,
  phone: z.string(),
  source: z.string(),
  createdAt: zIsoDate,
});
