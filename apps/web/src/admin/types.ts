import type { RouterOutputs } from '../trpc/trpc';

export type AdminUser = RouterOutputs['admin']['users']['list']['items'][number];
export type AdminUserDetail = RouterOutputs['admin']['users']['get'];
export type AdminPackage = RouterOutputs['admin']['packages']['list'][number];
export type AdminCampaign = RouterOutputs['admin']['campaigns']['list']['items'][number];
export type SystemReport = RouterOutputs['admin']['system'];
export type AuditEntry = RouterOutputs['admin']['auditLog']['list']['items'][number];
export type ClusterWorker = NonNullable<SystemReport['workers']>[number];
export type AccountOwner = RouterOutputs['admin']['accountOwners']['items'][number];
