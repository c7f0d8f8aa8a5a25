import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: `push` mishandles MariaDB's JSON columns (see DESIGN.md).
export default defineConfig({
  dialect: 'mysql',
  schema: './packages/db/src/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
