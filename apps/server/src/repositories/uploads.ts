import { type Database, uploads } from '@chapar/db';
import { and, eq } from 'drizzle-orm';

/**
 * The `uploads` row of a stored file, one per user and content (the name is the latest
 * given); answers its id.
 */
export async function recordUpload(
  db: Database,
  upload: { userId: number; sha256: string; mimeType: string; kind: string; size: number; fileName: string },
): Promise<number> {
  await db
    .insert(uploads)
    .values(upload)
    .onDuplicateKeyUpdate({ set: { fileName: upload.fileName } });
  const [row] = await db
    .select({ id: uploads.id })
    .from(uploads)
    .where(and(eq(uploads.userId, upload.userId), eq(uploads.sha256, upload.sha256)));
  return row!.id;
}
