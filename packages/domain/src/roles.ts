import type { UserRole } from './enums';

/**
 * Who is an administrator: the one rule behind the server's admin procedures and receipt
 * downloads and the SPA's admin tab (which it only hides; the server refuses anyway).
 */
export function isAdmin(user: { role: UserRole }): boolean {
  return user.role === 'ADMIN' || user.role === 'SUPER_ADMIN';
}

/** Roles `actor` may give or take away: only a super admin touches administrators. */
export function assignableRoles(actor: { role: UserRole }, target: { role: UserRole }): UserRole[] {
  if (actor.role === 'SUPER_ADMIN') return ['USER', 'ADMIN', 'SUPER_ADMIN'];
  return target.role === 'USER' ? ['USER'] : [];
}
