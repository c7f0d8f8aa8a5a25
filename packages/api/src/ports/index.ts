import type { AdminReportsPort, ClusterPort, StatsPort, SystemPort } from './admin';
import type { AuditLogPort } from './audit';
import type { BillingPort, PackagesPort, SubscriptionsPort } from './billing';
import type { CampaignsPort, DashboardPort, MediaPort } from './campaigns';
import type { OptOutsPort, RecipientImportPort } from './recipients';
import type { Clock, EventBus } from './runtime';
import type { ApiKeysPort, AuthPort, UsersPort, VerificationPort } from './users';
import type { WebhooksPort } from './webhooks';
import type { AccountsPort, WhatsAppControlPort } from './whatsapp';

export * from './admin';
export * from './audit';
export * from './billing';
export * from './campaigns';
export * from './page';
export * from './recipients';
export * from './runtime';
export * from './users';
export * from './webhooks';
export * from './whatsapp';

/**
 * What the API needs from the world, one file per domain. The server binds these to MySQL
 * (Drizzle), lucia and the WhatsApp session manager (apps/server/src/app.ts); the API itself
 * never imports any of them. Repositories take the owner's user id and answer null for rows
 * of another user, so a forgotten ownership check cannot leak data.
 */
export interface Ports {
  users: UsersPort;
  auth: AuthPort;
  apiKeys: ApiKeysPort;
  accounts: AccountsPort;
  whatsapp: WhatsAppControlPort;
  campaigns: CampaignsPort;
  subscriptions: SubscriptionsPort;
  packages: PackagesPort;
  billing: BillingPort;
  verification: VerificationPort;
  imports: RecipientImportPort;
  optOuts: OptOutsPort;
  media: MediaPort;
  stats: StatsPort;
  dashboard: DashboardPort;
  auditLog: AuditLogPort;
  adminReports: AdminReportsPort;
  system: SystemPort;
  cluster: ClusterPort;
  webhooks: WebhooksPort;
  events: EventBus;
  clock: Clock;
}
