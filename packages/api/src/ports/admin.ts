import type { AccountStatus, CampaignStatus, UserStatus } from '@chapar/domain';
import type { Page } from './page';

export interface AdminStats {
  users: Record<UserStatus, number>;
  campaigns: Record<CampaignStatus, number>;
  accounts: Record<AccountStatus, number>;
  messages: { sentToday: number; failedToday: number };
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
