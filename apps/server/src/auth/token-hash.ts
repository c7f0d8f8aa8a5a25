import { createHash } from 'node:crypto';

/**
 * What the database keeps of a bearer secret (session token, API key): its SHA-256 in hex.
 * Both secrets are random (≥ 25 bytes), so a fast hash is enough, and a leaked table holds
 * nothing a client could present.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
