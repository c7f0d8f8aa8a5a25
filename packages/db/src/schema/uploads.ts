import { bigint, index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from './columns';
import { users } from './users';

/**
 * Files users attached (campaign media). Stored once per content under
 * `DATA_DIR/uploads/<sha256>.<ext>`; the type comes from the bytes, not the name.
 */
export const uploads = mysqlTable(
  'uploads',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    mimeType: varchar('mime_type', { length: 100 }).notNull(),
    /** image | video | audio | document */
    kind: varchar('kind', { length: 16 }).notNull(),
    size: bigint('size', { mode: 'number', unsigned: true }).notNull(),
    fileName: varchar('file_name', { length: 255 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('uploads_user_idx').on(t.userId), uniqueIndex('uploads_user_sha_uq').on(t.userId, t.sha256)],
);
