import { bigint, customType, datetime } from 'drizzle-orm/mysql-core';

/**
 * Shared column helpers. Ids are `bigint unsigned auto_increment` because drizzle's
 * `serial()` emits a definition MariaDB rejects; numbers stay below 2^53 in practice.
 */
export const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();

export const ref = (name: string) => bigint(name, { mode: 'number', unsigned: true });

/** Millisecond precision, always UTC (the pool sets time_zone = '+00:00'). */
export const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

export const createdAt = () =>
  timestamp('created_at')
    .notNull()
    .$defaultFn(() => new Date());

export const updatedAt = () =>
  timestamp('updated_at')
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());

/**
 * JSON stored as LONGTEXT. MariaDB's JSON type is a LONGTEXT alias that mysql2 hands back
 * as a string (MySQL hands back an object), so we serialise ourselves and accept both.
 */
export const jsonText = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'longtext',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T)),
  })(name);
