import type { AccountStatus, CampaignStatus, WhatsAppDriverName } from '@chapar/domain';
import type { z } from 'zod';
import type { AccountStatusEvent, zAccount } from '../schemas';

export type AccountRecord = z.input<typeof zAccount> & { userId: number };

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
