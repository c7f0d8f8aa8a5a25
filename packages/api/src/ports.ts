import type { z } from 'zod';
import type { CampaignTransition } from './domain/campaign-state';
import type {
  AccountStatus,
  CampaignInterval,
  CampaignStatus,
  OtpChannel,
  OtpDelivery,
  PackageStatus,
  PauseCause,
  PaymentProvider,
  PaymentStatus,
  RecipientStatus,
  UserRole,
  UserStatus,
  WhatsAppDriverName,
} from './domain/enums';
import type {
  AccountStatusEvent,
  CampaignProgress,
  zAccount,
  zAdminUser,
  zAuditEntry,
  zCampaign,
  zPackage,
  zPayment,
  zRecipient,
  zSubscription,
} from './schemas';

/**
 * What the API needs from the world. The server binds these to MySQL (Drizzle), lucia
 * and the WhatsApp session manager; the API itself never imports any of them.
 * Repositories take the owner's user id and answer null for rows of another user, so a
 * forgotten ownership check cannot leak data.
 */
export type UserRecord = z.input<typeof zAdminUser>;
export type AccountRecord = z.input<typeof zAccount> & { userId: number };
export type CampaignRecord = z.input<typeof zCampaign>;
export type RecipientRecord = z.input<typeof zRecipient>;
export type PackageRecord = z.input<typeof zPackage>;
export type SubscriptionRecord = z.input<typeof zSubscription>;
export type PaymentRecord = z.input<typeof zPayment>;

export interface Page<T> {
  items: T[];
  nextCursor: number | null;
}

export interface UsersPort {
  /** Registers a user (the very first one becomes SUPER_ADMIN) and starts the trial, atomically. */
  register(input: {
    name: string;
    email: string;
    phone: string;
    username: string | null;
    passwordHash: string;
  }): Promise<UserRecord>;
  findForLogin(
    by: { email: string } | { phone: string } | { username: string },
  ): Promise<(UserRecord & { passwordHash: string }) | null>;
  getById(id: number): Promise<UserRecord | null>;
  list(filter: {
    search?: string;
    role?: UserRole;
    status?: UserStatus;
    cursor?: number | null;
    limit: number;
  }): Promise<Page<UserRecord>>;
  update(
    id: number,
    patch: {
      role?: UserRole;
      status?: UserStatus;
      statusReason?: string | null;
      name?: string;
      locale?: string;
      defaultCountry?: string;
    },
    audit?: AuditOf<UserRecord>,
  ): Promise<UserRecord | null>;
  setPasswordHash(id: number, passwordHash: string): Promise<void>;
}

export interface AuthPort {
  hashPassword(password: string): Promise<string>;
  verifyPassword(hash: string, password: string): Promise<boolean>;
  createSession(userId: number): Promise<{ token: string; expiresAt: Date }>;
  invalidateSession(token: string): Promise<void>;
  invalidateUserSessions(userId: number): Promise<void>;
  /** `Set-Cookie` header values. */
  sessionCookie(token: string, options: { secure: boolean }): string;
  blankSessionCookie(options: { secure: boolean }): string;
}

export interface ApiKeyRecord {
  id: number;
  name: string;
  prefix: string;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export interface ApiKeysPort {
  create(userId: number, name: string): Promise<ApiKeyRecord & { key: string }>;
  list(userId: number): Promise<ApiKeyRecord[]>;
  revoke(userId: number, id: number): Promise<boolean>;
}

export interface AccountsPort {
  list(userId: number): Promise<AccountRecord[]>;
  get(userId: number, id: number): Promise<AccountRecord | null>;
  create(userId: number, input: { label: string; driver: WhatsAppDriverName }): Promise<AccountRecord>;
  update(
    userId: number,
    id: number,
    patch: { label?: string; dailyLimit?: number },
  ): Promise<AccountRecord | null>;
  /** Campaigns of this account that are RUNNING or SCHEDULED (refuses removal while any). */
  activeCampaignCount(accountId: number): Promise<number>;
  countByStatus(): Promise<Record<AccountStatus, number>>;
  /** The account's status changes, newest first. */
  history(accountId: number, limit: number): Promise<AccountStatusEntry[]>;
  /** The campaigns that send through this account, newest first (the latest 100). */
  campaigns(accountId: number): Promise<AccountCampaign[]>;
}

export interface AccountStatusEntry {
  id: number;
  status: AccountStatus;
  error: string | null;
  at: Date;
}

export interface AccountCampaign {
  id: number;
  title: string | null;
  status: CampaignStatus;
}

/** The WhatsApp session manager: owns drivers and keeps account status in sync. */
export interface WhatsAppControlPort {
  connect(accountId: number): Promise<void>;
  disconnect(accountId: number): Promise<void>;
  /** Unlinks the device and deletes its stored login. */
  logout(accountId: number): Promise<void>;
  /** Stops the driver, deletes stored login and the account row. */
  remove(accountId: number): Promise<void>;
  snapshot(accountId: number): Promise<AccountStatusEvent>;
}

export interface PacingInput {
  batchSize?: number;
  batchPauseSeconds?: number;
  typing?: boolean;
}

export interface NewRecipient {
  phone: string;
  name: string | null;
  variables: Record<string, string> | null;
}

/** Filters of a campaigns list; every one optional except the page size. */
export interface CampaignListFilter {
  status?: CampaignStatus | undefined;
  whatsappAccountId?: number | undefined;
  /** Admin use (owner null): one user's campaigns. */
  userId?: number | undefined;
  /** Part of the title (or the campaign's number). */
  search?: string | undefined;
  /** Created at or after / before (exclusive) these instants. */
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
  /** Also count every match (one extra COUNT query). */
  withTotal?: boolean | undefined;
  cursor?: number | null | undefined;
  limit: number;
}

export type RecipientSortField = 'id' | 'phone' | 'name' | 'sentAt' | 'status';

export interface RecipientFilter {
  status?: RecipientStatus | undefined;
  /** Any of these statuses (a tab such as "sent" covers SENT, DELIVERED and READ). */
  statuses?: readonly RecipientStatus[] | undefined;
  /** Part of the phone number (digits) or of the name. */
  search?: string | undefined;
  sort?: { by: RecipientSortField; dir: 'asc' | 'desc' } | undefined;
  /** The id of the previous page's last row. */
  cursor?: number | null | undefined;
  limit: number;
}

export interface CampaignsPort {
  list(owner: number | null, filter: CampaignListFilter): Promise<Page<CampaignRecord> & { total?: number }>;
  /** owner null: any user's (admin use). */
  get(owner: number | null, id: number): Promise<CampaignRecord | null>;
  create(
    userId: number,
    input: {
      title: string | null;
      message: string;
      interval: CampaignInterval;
      whatsappAccountId: number;
    } & PacingInput,
  ): Promise<CampaignRecord>;
  /** Only in an editable status; answers null when the guard fails. */
  update(
    userId: number,
    id: number,
    patch: {
      title?: string | null;
      message?: string;
      interval?: CampaignInterval;
      whatsappAccountId?: number;
    },
  ): Promise<CampaignRecord | null>;
  remove(userId: number, id: number): Promise<boolean>;
  /** Stops a user's RUNNING and SCHEDULED campaigns (ban); answers how many. */
  pauseAllOfUser(userId: number, reason: string): Promise<number>;
  /** `title` names the copy; without it, the source's title with " (copy)". */
  duplicate(userId: number, id: number, title?: string): Promise<CampaignRecord | null>;
  /**
   * Stores the rows in one transaction, skipping phones already in the campaign and
   * phones on the owner's opt-out list. Answers how many were stored and skipped.
   */
  addRecipients(
    userId: number,
    campaignId: number,
    rows: NewRecipient[],
  ): Promise<{ added: number; duplicates: number; optedOut: number }>;
  /** Keyset pages in any sort order; the cursor is the last row's id, whatever the sort. */
  recipients(campaignId: number, filter: RecipientFilter): Promise<Page<RecipientRecord>>;
  /** One guarded UPDATE; false when the campaign was not in a `from` status. */
  transition(
    id: number,
    transition: CampaignTransition,
    extra?: {
      scheduledAt?: Date | null;
      pausedReason?: string | null;
      pauseCause?: PauseCause | null;
      /** Written with the transition, and only when it happens. */
      audit?: AuditEntry[];
    },
  ): Promise<boolean>;
  progress(id: number): Promise<CampaignProgress | null>;
  /** One recipient of the campaign (the first when no id is given), for previews. */
  recipient(campaignId: number, recipientId?: number): Promise<RecipientRecord | null>;
  pendingCount(id: number): Promise<number>;
}

export interface ColumnMappingInput {
  /** 0-based column index or the header text. */
  phone: number | string;
  name?: number | string | null;
  skipHeader?: boolean;
}

export interface ImportReport {
  rows: number;
  added: number;
  duplicates: number;
  invalid: number;
  optedOut: number;
  /** The first rejected rows (up to 10,000); `rejectedTotal` counts them all. */
  rejected: Array<{ line: number; value: string; reason: string }>;
  rejectedTotal: number;
  /** Variable names the file brought (its other columns). */
  columns: string[];
  /** Rows that held several numbers (up to 10,000): `phone` was imported, `others` were not. */
  otherNumbers: Array<{ line: number; phone: string; others: string[] }>;
  otherNumbersTotal: number;
  /** Which columns the numbers and names were taken from, and how they were found. */
  columnChoice: { detectedBy: 'mapping' | 'header' | 'content'; phone: string[]; name: string[] };
}

/** Recipient files (CSV, TSV, XLSX) into a campaign, atomically: a failed import stores nothing. */
export interface RecipientImportPort {
  importFile(input: {
    userId: number;
    campaignId: number;
    file: Blob;
    mapping: ColumnMappingInput | null;
    sheet: string | number | null;
    defaultCountry: string;
  }): Promise<ImportReport>;
}

export interface OptOutRecord {
  id: number;
  phone: string;
  source: string;
  createdAt: Date;
}

export interface OptOutsPort {
  list(
    userId: number,
    filter: { search?: string; cursor?: number | null; limit: number },
  ): Promise<Page<OptOutRecord>>;
  /** Adds E.164 numbers; answers how many were new. */
  add(userId: number, phones: string[], source: string): Promise<number>;
  remove(userId: number, id: number): Promise<boolean>;
  importFile(
    userId: number,
    file: Blob,
    defaultCountry: string,
  ): Promise<{ rows: number; added: number; duplicates: number; invalid: number }>;
}

/** Campaign attachments: checked by content, stored by content hash. */
export interface MediaPort {
  attach(userId: number, campaignId: number, file: Blob, fileName: string): Promise<CampaignRecord>;
  detach(userId: number, campaignId: number): Promise<CampaignRecord | null>;
}

export interface SubscriptionsPort {
  /** The subscription a send would consume from now: unexpired, with messages left. */
  usable(userId: number): Promise<SubscriptionRecord | null>;
  current(userId: number): Promise<SubscriptionRecord | null>;
}

/** Checkout, payment history and review, and subscriptions granted by hand. */
export interface BillingPort {
  /** The providers this server offers at checkout, and the manual-transfer instructions. */
  options(): { providers: PaymentProvider[]; currency: string; manualInstructions: string };
  /** A PENDING payment for an ACTIVE package; `redirectUrl` is the gateway to send the payer to. */
  checkout(
    user: { id: number; email: string; phone: string },
    input: { packageId: number; provider: PaymentProvider },
  ): Promise<{ payment: PaymentRecord; redirectUrl: string | null }>;
  /** userId null: every user's (admin use). Newest first. */
  payments(filter: {
    userId?: number;
    status?: PaymentStatus;
    cursor?: number | null;
    limit: number;
  }): Promise<Page<PaymentRecord>>;
  /** owner null: any user's (admin use); null when missing or someone else's. */
  payment(owner: number | null, id: number): Promise<PaymentRecord | null>;
  /** Manual transfers: stores the receipt (image or PDF) on the user's PENDING payment. */
  submitReceipt(userId: number, paymentId: number, file: Blob, fileName: string): Promise<PaymentRecord>;
  /** Manual transfers: PENDING → PAID, granting the package once; CONFLICT when already settled. */
  approve(adminId: number, id: number, audit?: AuditOf<PaymentRecord>): Promise<PaymentRecord>;
  /** Manual transfers: PENDING → REJECTED with the reason the user will read. */
  reject(adminId: number, id: number, reason: string, audit?: AuditOf<PaymentRecord>): Promise<PaymentRecord>;
  /** Extends the user's subscription in force (days and messages add up) or starts one. */
  grant(
    adminId: number,
    input: { userId: number; days: number; messages: number },
    audit?: AuditOf<SubscriptionRecord>,
  ): Promise<SubscriptionRecord>;
}

export interface CodeStatus {
  /** null: no code was ever asked for this address. */
  delivery: OtpDelivery | null;
  sentTo: string | null;
  requestedAt: Date | null;
  /** What to tell the person when the newest code was not taken by the provider. */
  lastSendError: string | null;
}

/** One-time codes: phone/email verification and password reset. */
export interface VerificationPort {
  /** REQUIRE_VERIFIED_PHONE: campaigns start only once the owner's phone is verified (default off). */
  readonly phoneRequiredToSend: boolean;
  /** Which channels can carry codes on this server (a provider is configured for them). */
  readonly channels: { sms: boolean; email: boolean };
  /**
   * Sends a code to the user's own phone (SMS) or email; answers where, masked. With
   * `waitForDelivery: false` it answers once the code exists, and the provider's answer is
   * only recorded (`codeStatus`); otherwise a refused code throws BAD_GATEWAY.
   */
  requestCode(
    user: { id: number; phone: string; email: string },
    purpose: 'VERIFY_PHONE' | 'VERIFY_EMAIL',
    ip: string,
    options?: { waitForDelivery?: boolean },
  ): Promise<{ sentTo: string; expiresAt: Date }>;
  /** The newest code for the user's current phone or email: still sending, taken or refused (and why). */
  codeStatus(userId: number, purpose: 'VERIFY_PHONE' | 'VERIFY_EMAIL'): Promise<CodeStatus>;
  /** Checks the code and marks the phone/email verified; throws with the reason when wrong. */
  verifyCode(userId: number, purpose: 'VERIFY_PHONE' | 'VERIFY_EMAIL', code: string): Promise<UserRecord>;
  /** Sends a reset code when the account exists; says nothing either way. */
  requestPasswordReset(identifier: string, channel: OtpChannel, ip: string): Promise<void>;
  /** Checks the code and sets the new password in one step; answers the user's id. */
  resetPassword(identifier: string, code: string, passwordHash: string): Promise<number>;
}

export interface PackagesPort {
  list(filter: { status?: PackageStatus }): Promise<PackageRecord[]>;
  create(input: Omit<PackageRecord, 'id'>, audit?: AuditOf<PackageRecord>): Promise<PackageRecord>;
  update(
    id: number,
    patch: Partial<Omit<PackageRecord, 'id'>>,
    audit?: AuditOf<PackageRecord>,
  ): Promise<PackageRecord | null>;
}

export interface AdminStats {
  users: Record<UserStatus, number>;
  campaigns: Record<CampaignStatus, number>;
  accounts: Record<AccountStatus, number>;
  messages: { sentToday: number; failedToday: number };
}

/** Message events of one user counted per quarter hour (UTC-aligned, so any time zone's days add up). */
export interface MessageBucket {
  /** Start of the quarter hour. */
  at: Date;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

export interface DashboardPort {
  /** Sends, deliveries, reads (by their own timestamps) and failures (by attempt time) in [from, to). */
  activity(userId: number, from: Date, to: Date): Promise<MessageBucket[]>;
}

export interface StatsPort {
  admin(now: Date): Promise<AdminStats>;
}

/** What the admin tab reads about users and traffic beyond the plain rows. */
export interface AdminReportsPort {
  /** How much a user has: campaigns (all, and RUNNING or SCHEDULED), accounts, messages sent. */
  userActivity(
    userId: number,
  ): Promise<{ campaigns: number; activeCampaigns: number; accounts: number; messagesSent: number }>;
  /** Names and emails of these users (campaign owners), for lists that show whose row it is. */
  people(ids: number[]): Promise<Array<{ id: number; name: string; email: string }>>;
  /** Sends attempted per hour since `since` (hour starts in UTC; hours without sends left out). */
  messagesPerHour(since: Date): Promise<Array<{ hour: Date; sent: number; failed: number }>>;
}

/** The state of this server process and what it depends on, for the admin system page. */
export interface SystemHealth {
  database: {
    reachable: boolean;
    latencyMs: number | null;
    /** null when the database could not be asked. */
    pendingMigrations: number | null;
    error: string | null;
  };
  engine: { alive: boolean; lastTickAgeMs: number | null };
  server: { version: string; startedAt: Date; uptimeSeconds: number; node: string };
}

export interface SystemPort {
  health(): Promise<SystemHealth>;
}

/** A worker process as its heartbeat row shows it (DESIGN.md, "Scale-out"). */
export interface WorkerRecord {
  id: string;
  role: string;
  host: string;
  pid: number;
  startedAt: Date;
  lastHeartbeatAt: Date;
  /** Its heartbeat is younger than a lease: it still renews what it holds. */
  alive: boolean;
  /** Accounts whose lease it holds and has not let expire. */
  accountsHeld: number;
  maxAccounts: number;
  /** Browsers (Chromiums) it has open. */
  browsers: number;
}

export interface AccountOwnerRecord {
  id: number;
  label: string;
  phone: string | null;
  status: AccountStatus;
  userId: number;
  userName: string;
  userEmail: string;
  /** The worker named in the lease; null when nobody holds it. */
  owner: string | null;
  leaseExpiresAt: Date | null;
  /** The lease has not expired (by the database clock). */
  leaseActive: boolean;
}

/** Which worker processes there are and which of them holds which account, for the admin system page. */
export interface ClusterPort {
  /** The most recently heard-from workers first (dead ones too, until their row is removed). */
  workers(): Promise<WorkerRecord[]>;
  /** Every account by id; `owner` a worker id (that worker's leases) or null (accounts nobody holds). */
  accountOwners(filter: {
    owner?: string | null | undefined;
    cursor?: number | null | undefined;
    limit: number;
  }): Promise<Page<AccountOwnerRecord>>;
}

/** Events are whole snapshots, so a subscriber only ever needs the latest one. */
export type AuditEntryRecord = z.input<typeof zAuditEntry>;

/** One thing an administrator did. */
export interface AuditEntry {
  actorId: number | null;
  /** Dotted verb: `user.ban`, `user.role`, `subscription.grant`, `payment.approve`, ... */
  action: string;
  targetType: string;
  targetId: number | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

/**
 * The audit entries of a change, from the row before it (null for a new row; for payments the
 * row as found before settling) and after it. The port that makes the change writes them in
 * the same transaction: a change is never kept without its entries, nor entries without it.
 */
export type AuditOf<T> = (before: T | null, after: T) => AuditEntry[];

/** What administrators did. Entries are written by the port whose change they record. */
export interface AuditLogPort {
  /** Newest first. */
  list(filter: {
    actorId?: number;
    action?: string;
    targetType?: string;
    targetId?: number;
    cursor?: number | null;
    limit: number;
  }): Promise<Page<AuditEntryRecord>>;
}

export interface EventBus {
  /** Delivered to every subscriber of `topic` on every process (best effort: see snapshotStream). */
  publish(topic: string, data: unknown): void;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, handler: (data: unknown) => void): () => void;
  /** Told when the bus may have missed events (its link came back); answers the unsubscribe. */
  onResync?(listener: () => void): () => void;
}

export const topics = {
  campaign: (id: number) => `campaign:${id}`,
  account: (id: number) => `account:${id}`,
} as const;

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

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
  webhooks: import('./ports/webhooks').WebhooksPort;
  events: EventBus;
  clock: { now(): Date };
}
