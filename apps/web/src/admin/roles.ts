import type { UserRole } from '@chapar/domain';

/** Who may open the admin tab; the server refuses everyone else anyway (FORBIDDEN). */
export function isAdmin(user: { role: UserRole }): boolean {
  return user.role === 'ADMIN' || user.role === 'SUPER_ADMIN';
}

/** Roles `actor` may give or take away: only a super admin touches administrators. */
export function assignableRoles(actor: { role: UserRole }, target: { role: UserRole }): UserRole[] {
  if (actor.role === 'SUPER_ADMIN') return ['USER', 'ADMIN', 'SUPER_ADMIN'];
  return target.role === 'USER' ? ['USER'] : [];
}
