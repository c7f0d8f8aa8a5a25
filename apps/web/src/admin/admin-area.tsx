import { isAdmin } from '@chapar/domain';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useUser } from '../auth/user-context';
import { AdminPaymentsPage } from '../billing/admin-payments-page';
import { NotFoundPage } from '../components/not-found-page';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n-provider';
import { AuditLogPage } from './audit-log-page';
import { AdminCampaignsPage } from './campaigns-page';
import { PackagesPage } from './packages-page';
import { SystemPage } from './system-page';
import { UsersPage } from './users-page';

const SECTIONS: Array<{ to: string; label: MessageKey }> = [
  { to: '/admin/users', label: 'admin.tab.users' },
  { to: '/admin/packages', label: 'admin.tab.packages' },
  { to: '/admin/campaigns', label: 'admin.tab.campaigns' },
  // The billing area's page (apps/web/src/billing/admin-payments-page.tsx).
  { to: '/admin/payments', label: 'admin.tab.payments' },
  { to: '/admin/system', label: 'admin.tab.system' },
  { to: '/admin/audit', label: 'admin.tab.audit' },
];

/**
 * The admin tab (loaded on first visit, see routes.tsx): its own section links and routes.
 * Anyone else gets a refusal and no data is ever asked for.
 */
export default function AdminArea() {
  const user = useUser();
  const t = useT();
  if (!isAdmin(user)) return <AdminRefusal />;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.title')}
      </Title>
      <AdminSections />
      <Routes>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="packages" element={<PackagesPage />} />
        <Route path="campaigns" element={<AdminCampaignsPage />} />
        <Route path="system" element={<SystemPage />} />
        <Route path="audit" element={<AuditLogPage />} />
        <Route path="payments" element={<AdminPaymentsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Stack>
  );
}

/** The section links: plain links (keyboard and screen-reader friendly), the current one marked. */
function AdminSections() {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <Group component="nav" aria-label={t('admin.sections')} gap="xs">
      {SECTIONS.map((section) => {
        const current = pathname === section.to || pathname.startsWith(`${section.to}/`);
        return (
          <Button
            key={section.to}
            component={Link}
            to={section.to}
            size="sm"
            variant={current ? 'filled' : 'subtle'}
            aria-current={current ? 'page' : undefined}
          >
            {t(section.label)}
          </Button>
        );
      })}
    </Group>
  );
}

export function AdminRefusal() {
  const t = useT();
  return (
    <Stack align="flex-start" data-testid="admin-refused">
      <Group gap="xs">
        <IconLock size={28} aria-hidden />
        <Title order={1} size="h2">
          {t('admin.refused.title')}
        </Title>
      </Group>
      <Text c="dimmed">{t('admin.refused.body')}</Text>
      <Button component={Link} to="/campaigns" variant="light">
        {t('admin.refused.back')}
      </Button>
    </Stack>
  );
}
