import { z } from 'zod';
import { zId, zIsoDate } from '../../schemas';
import { WEBHOOK_EVENTS } from '../../webhook-events';

export const zWebhookEvent = z.enum(WEBHOOK_EVENTS);

export const zWebhook = z.object({
  id: zId,
  url: z.string(),
  events: z.array(zWebhookEvent),
  status: z.enum(['ACTIVE', 'DISABLED']),
  disabledReason: z.string().nullable(),
  failingSince: zIsoDate.nullable(),
  createdAt: zIsoDate,
});

export const zWebhookDelivery = z.object({
  id: zId,
  eventId: z.string(),
  type: z.string(),
  status: z.enum(['PENDING', 'DELIVERING', 'SUCCEEDED', 'FAILED']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: zIsoDate.nullable(),
  nextAttemptAt: zIsoDate.nullable(),
  createdAt: zIsoDate,
  deliveredAt: zIsoDate.nullable(),
});

export const zWebhookId = z.object({ id: zId });
export const zOk = z.object({ ok: z.literal(true) });
