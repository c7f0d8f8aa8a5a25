import { z } from 'zod';

export const MAX_BATCH = 10_000;

export const zMapping = z.object({
  phone: z.union([z.number().int().min(0), z.string().min(1)]),
  name: z.union([z.number().int().min(0), z.string().min(1)]).nullish(),
  skipHeader: z.boolean().optional(),
});
export const MAX_REPORTED_REJECTIONS = 1_000;

export const zMessage = z
  .string()
  .trim()
  .min(1, 'Write the message to send.')
  .max(4096, 'WhatsApp messages are limited to 4096 characters here.');
export const zTitle = z.string().trim().max(255).nullish();

/** Pacing beyond the interval; the defaults (25 sends, then 90 s) suit most numbers. */
export const zPacing = {
  batchSize: z.number().int().min(0).max(1000).optional(),
  batchPauseSeconds: z.number().int().min(0).max(3600).optional(),
  typing: z.boolean().optional(),
};
