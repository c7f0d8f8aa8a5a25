import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { SideNav } from '../shell/side-nav';
import AdminArea from './admin-area';
import type { AdminUser, AdminUserDetail } from './types';

const area = (
  <Routes>
    <Route path="admin/*" element={<AdminArea />} />
  </Routes>
);

function adminUser(overrides: Partial<AdminUser> = {}): AdminUser {
  return { ...userFixture(), statusReason: null, ...overrides };
}

function detail(user: AdminUser): AdminUserDetail {
  return {
    user,
    subscription: {
      id: 1,
      packageId: null,
      startsAt: '2025-01-01T00:00:00.000Z',
      expiresAt: '2025-02-01T00:00:00.000Z',
      messageLimit: 100,
      messagesUsed: 40,
      source: 'TRIAL',
    },
    activity: { campaigns: 3, activeCampaigns: 1, accounts: 2, messagesSent: 40 },
  };
}

describe('admin tab', () => {
  it('refuses a plain user without asking the server for anything', async () => {
    const asked: string[] = [];
    renderWithProviders(area, {
      language: 'en',
      route: '/admin/users',
      user: userFixture({ role: 'USER' }),
      api: new Proxy({}, { get: (_, path: string) => () => asked.push(path) }),
    });
    expect(await screen.findByRole('heading', { name: 'Administrators only' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(asked).toEqual([]);
  });

  it('shows the admin entry in the navigation to admins only', () => {
    const { unmount } = renderWithProviders(<SideNav onNavigate={() => {}} />, {
      language: 'en',
      user: userFixture({ role: 'USER' }),
    });
    expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
    unmount();
    renderWithProviders(<SideNav onNavigate={() => {}} />, {
      language: 'en',
      user: userFixture({ role: 'ADMIN' }),
    });
    expect(screen.getByRole('link', { name: 'Admin' }).getAttribute('href')).toBe('/admin');
  });

  it('filters users by role and status on the server, and links to payments', async () => {
    const asked: unknown[] = [];
    renderWithProviders(area, {
      language: 'en',
      route: '/admin/users',
      user: userFixture({ role: 'ADMIN' }),
      api: {
        'admin.users.list': (input) => {
          asked.push(input);
          return { items: [adminUser({ id: 9, name: 'Reza', role: 'ADMIN' })], nextCursor: null };
        },
      },
    });
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(within(table).getByText('Reza')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Role' }), { target: { value: 'ADMIN' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'BANNED' } });
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ role: 'ADMIN', status: 'BANNED' }));
    const sections = screen.getByRole('navigation', { name: 'Admin sections' });
    expect(within(sections).getByRole('link', { name: 'Payments' }).getAttribute('href')).toBe(
      '/admin/payments',
    );
    expect(within(sections).getByRole('link', { name: 'Users' }).getAttribute('aria-current')).toBe('page');
  });

  it('lets only a super admin choose admin roles', async () => {
    const target = adminUser({ id: 9, name: 'Reza' });
    const api = {
      'admin.users.list': () => ({ items: [target], nextCursor: null }),
      'admin.users.get': () => detail(target),
    };
    const { unmount } = renderWithProviders(area, {
      language: 'en',
      route: '/admin/users',
      user: userFixture({ role: 'ADMIN' }),
      api,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Manage Reza' }));
    const drawer = await screen.findByTestId('user-drawer');
    expect(within(drawer).getByText('40 of 100 messages used')).toBeTruthy();
    expect(within(drawer).queryByRole('combobox', { name: 'Role' })).toBeNull();
    expect(within(drawer).getByText('Only a super admin makes or unmakes administrators.')).toBeTruthy();
    unmount();

    const updates: unknown[] = [];
    renderWithProviders(area, {
      language: 'en',
      route: '/admin/users',
      user: userFixture({ role: 'SUPER_ADMIN' }),
      api: {
        ...api,
        'admin.users.update': (input) => {
          updates.push(input);
          return { ...target, role: 'ADMIN' };
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Manage Reza' }));
    const role = within(await screen.findByTestId('user-drawer')).getByRole('combobox', { name: 'Role' });
    expect([...(role as HTMLSelectElement).options].map((o) => o.value)).toEqual([
      'USER',
      'ADMIN',
      'SUPER_ADMIN',
    ]);
    fireEvent.change(role, { target: { value: 'ADMIN' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change role' }));
    await waitFor(() => expect(updates).toEqual([{ id: 9, role: 'ADMIN' }]));
  });

  it('never offers an admin to change their own role or status', async () => {
    const me = adminUser({ id: 1, role: 'SUPER_ADMIN' });
    renderWithProviders(area, {
      language: 'en',
      route: '/admin/users',
      user: userFixture({ id: 1, role: 'SUPER_ADMIN' }),
      api: {
        'admin.users.list': () => ({ items: [me], nextCursor: null }),
        'admin.users.get': () => detail(me),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Manage Sara' }));
    const drawer = await screen.findByTestId('user-drawer');
    expect(within(drawer).getByText(/This is your own account/)).toBeTruthy();
    expect(within(drawer).queryByRole('button', { name: 'Ban user' })).toBeNull();
    expect(within(drawer).queryByRole('combobox', { name: 'Role' })).toBeNull();
  });
});
