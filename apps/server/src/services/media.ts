import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CampaignsPort, ChaparError, type MediaPort } from '@chapar/api';
import type { Database } from '@chapar/db';
import { setCampaignMedia } from '../repositories/campaigns';
import { recordUpload } from '../repositories/uploads';

export type MediaKind = 'image' | 'video' | 'audio' | 'document';

const MB = 1024 * 1024;

/**
 * What WhatsApp accepts, by the type found in the bytes. Images above 5 MB are refused
 * (WhatsApp recompresses them anyway); video and audio 16 MB; documents 100 MB.
 */
const ACCEPTED: Record<string, { kind: MediaKind; maxBytes: number }> = {
  'image/jpeg': { kind: 'image', maxBytes: 5 * MB },
  'image/png': { kind: 'image', maxBytes: 5 * MB },
  'image/webp': { kind: 'image', maxBytes: 5 * MB },
  'video/mp4': { kind: 'video', maxBytes: 16 * MB },
  'video/3gpp': { kind: 'video', maxBytes: 16 * MB },
  'audio/mpeg': { kind: 'audio', maxBytes: 16 * MB },
  'audio/ogg': { kind: 'audio', maxBytes: 16 * MB },
  'audio/aac': { kind: 'audio', maxBytes: 16 * MB },
  'audio/mp4': { kind: 'audio', maxBytes: 16 * MB },
  'audio/x-m4a': { kind: 'audio', maxBytes: 16 * MB },
  'application/pdf': { kind: 'document', maxBytes: 100 * MB },
  'application/zip': { kind: 'document', maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    kind: 'document',
    maxBytes: 100 * MB,
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    kind: 'document',
    maxBytes: 100 * MB,
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    kind: 'document',
    maxBytes: 100 * MB,
  },
};

export const MAX_MEDIA_BYTES = 100 * MB;

export function mediaPath(dataDir: string, sha256: string, mimeType: string): string {
  const ext =
    mimeType
      .split('/')[1]
      ?.replace(/[^a-z0-9]/gi, '')
      .slice(0, 10) || 'bin';
  return path.join(dataDir, 'uploads', `${sha256}.${ext}`);
}

/**
 * Stores a checked upload once per content (`DATA_DIR/uploads/<sha256>.<ext>`) and answers
 * its `uploads` row id. Campaign media and payment receipts both go through here.
 */
export async function storeUpload(
  db: Database,
  dataDir: string,
  upload: { userId: number; bytes: Buffer; mimeType: string; kind: string; fileName: string },
): Promise<number> {
  const { userId, bytes, mimeType, kind, fileName } = upload;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = mediaPath(dataDir, sha256, mimeType);
  await mkdir(path.dirname(target), { recursive: true });
  // Write-then-rename: a reader never sees half a file, and the same content is stored once.
  const partial = `${target}.${process.pid}.part`;
  await writeFile(partial, bytes);
  await rename(partial, target).catch(async (error) => {
    await rm(partial, { force: true });
    throw error;
  });
  // Path separators and control characters never reach the stored name.
  const safeName =
    [...fileName]
      .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c))
      .join('')
      .slice(0, 255) || 'attachment';
  return recordUpload(db, { userId, sha256, mimeType, kind, size: bytes.length, fileName: safeName });
}

export function createMediaPort(db: Database, campaignsPort: CampaignsPort, dataDir: string): MediaPort {
  return {
    async attach(userId, campaignId, file, fileName) {
      const campaign = await campaignsPort.get(userId, campaignId);
      if (!campaign) throw new ChaparError('NOT_FOUND', 'Campaign not found.');
      if (file.size > MAX_MEDIA_BYTES)
        throw new ChaparError('BAD_REQUEST', 'Attachments are limited to 100 MB.', 'file');
      const bytes = Buffer.from(await file.arrayBuffer());
      const detected = await (await import('file-type')).fileTypeFromBuffer(bytes);
      const accepted = detected ? ACCEPTED[detected.mime] : undefined;
      if (!detected || !accepted) {
        throw new ChaparError(
          'BAD_REQUEST',
          `This file's content is ${detected ? detected.mime : 'not a known media type'}. Attach a JPEG/PNG/WebP image, an MP4 video, an MP3/OGG/AAC audio or a PDF/Office document.`,
          'file',
        );
      }
      if (bytes.length > accepted.maxBytes) {
        throw new ChaparError(
          'BAD_REQUEST',
          `WhatsApp takes ${accepted.kind} files up to ${accepted.maxBytes / MB} MB; this one is ${(bytes.length / MB).toFixed(1)} MB.`,
          'file',
        );
      }
      const uploadId = await storeUpload(db, dataDir, {
        userId,
        bytes,
        mimeType: detected.mime,
        kind: accepted.kind,
        fileName,
      });
      if (!(await setCampaignMedia(db, userId, campaignId, uploadId))) {
        throw new ChaparError(
          'CONFLICT',
          'The attachment of a running campaign cannot change. Pause it first.',
        );
      }
      return (await campaignsPort.get(userId, campaignId))!;
    },

    async detach(userId, campaignId) {
      if (!(await setCampaignMedia(db, userId, campaignId, null))) return null;
      return campaignsPort.get(userId, campaignId);
    },
  };
}
