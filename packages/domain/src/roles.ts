import { USER_ROLES, type UserRole } from './enums';

/**
 * Who is an administrator: the one rule behind the server's admin procedures and receipt
 * downloads and the SPA's admin tab (which it only hides; the server refuses anyway).
 */
export function isAdmin(user: { role: UserRole }): boolean {
  return user.role === 'ADMIN' || user.role === 'SUPER_ADMIN';
}

/**
 * Whether `actor` may change `target` (its status, or its role to `role`): only a super
 * admin touches administrators, whether the target is one or would become one.
 */
export function mayChangeUser(
  actor: { role: UserRole },
  target: { role: UserRole },
  role?: UserRole,
): boolean {
  if (actor.role === 'SUPER_ADMIN') return true;
  return target.role === 'USER' && (role === undefined || role === 'USER');
}

/** Roles `actor` may give `target` (the SPA's role picker). */
export function assignableRoles(actor: { role: UserRole }, target: { role: UserRole }): UserRole[] {
  return USER_ROLES.filter((role) => mayChangeUser(actor, target, role));
}
