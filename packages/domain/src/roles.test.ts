import { describe, expect, it } from 'vitest';
import { USER_ROLES } from './enums';
import { assignableRoles, isAdmin, mayChangeUser } from './roles';

describe('roles', () => {
  it('counts ADMIN and SUPER_ADMIN as administrators, and nobody else', () => {
    expect(USER_ROLES.filter((role) => isAdmin({ role }))).toEqual(['ADMIN', 'SUPER_ADMIN']);
  });

  it('lets only a super admin give or take administrator roles', () => {
    expect(assignableRoles({ role: 'SUPER_ADMIN' }, { role: 'ADMIN' })).toEqual([
      'USER',
      'ADMIN',
      'SUPER_ADMIN',
    ]);
    expect(assignableRoles({ role: 'ADMIN' }, { role: 'USER' })).toEqual(['USER']);
    expect(assignableRoles({ role: 'ADMIN' }, { role: 'ADMIN' })).toEqual([]);
    expect(assignableRoles({ role: 'ADMIN' }, { role: 'SUPER_ADMIN' })).toEqual([]);
  });

  it('lets an admin change only plain users, and only into plain users', () => {
    expect(mayChangeUser({ role: 'ADMIN' }, { role: 'USER' })).toBe(true);
    expect(mayChangeUser({ role: 'ADMIN' }, { role: 'USER' }, 'USER')).toBe(true);
    expect(mayChangeUser({ role: 'ADMIN' }, { role: 'USER' }, 'ADMIN')).toBe(false);
    expect(mayChangeUser({ role: 'ADMIN' }, { role: 'ADMIN' })).toBe(false);
    expect(mayChangeUser({ role: 'SUPER_ADMIN' }, { role: 'ADMIN' }, 'USER')).toBe(true);
  });
});
