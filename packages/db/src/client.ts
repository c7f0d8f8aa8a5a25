import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import * as schema from './schema/index';

export type Database = MySql2Database<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  pool: mysql.Pool;
  close(): Promise<void>;
}

/** Options every connection shares: UTC everywhere, full Unicode (Persian, emoji). */
const connectionDefaults = {
  timezone: 'Z',
  charset: 'utf8mb4_unicode_ci',
  supportBigNumbers: true,
  decimalNumbers: false,
  // mysql2 captures a stack trace on every query for its error messages; that was ~7% of
  // the server's CPU under load (docs/benchmarks.md). Drizzle's errors still name the query.
  trace: false,
} as const;

export function createDatabase(url: string, options: { connectionLimit?: number } = {}): DatabaseHandle {
  const pool = mysql.createPool({
    uri: url,
    ...connectionDefaults,
    connectionLimit: options.connectionLimit ?? 10,
    waitForConnections: true,
    enableKeepAlive: true,
  });
  // Raw SQL (NOW(), defaults) must agree with the UTC Dates we write.
  pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  const db = drizzle(pool, { schema, mode: 'default', casing: 'snake_case' });
  return { db, pool, close: () => pool.end() };
}

/** Database name from a mysql:// URL, validated so it can be quoted safely in DDL. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$-]{1,64}$/.test(name)) {
    throw new Error(`DATABASE_URL must name a database (letters, digits, _ $ -): got "${name}"`);
  }
  return name;
}

/** Connects to the server without selecting a database (for CREATE/DROP DATABASE). */
export async function withServerConnection<T>(
  url: string,
  run: (c: mysql.Connection) => Promise<T>,
): Promise<T> {
  const serverUrl = new URL(url);
  serverUrl.pathname = '/';
  const connection = await mysql.createConnection({ uri: serverUrl.toString(), ...connectionDefaults });
  try {
    return await run(connection);
  } finally {
    await connection.end();
  }
}
