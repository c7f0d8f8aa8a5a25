import type { Database } from '@chapar/db';
import type { Fence } from '../../cluster/leases';
import type { Config } from '../../env';
import { type LoginStore, localLoginStore } from './login-store';
import { MysqlLoginStore } from './mysql-login-store';

/** The login store LOGIN_STORE names; the MySQL one writes only under this worker's lease. */
export function createLoginStore(o: {
  config: Config;
  db: Database;
  workerId: string;
  fence: (accountId: number) => Fence | null;
}): LoginStore {
  if (o.config.LOGIN_STORE === 'local') return localLoginStore;
  return new MysqlLoginStore({ db: o.db, workerId: o.workerId, fence: o.fence });
}
