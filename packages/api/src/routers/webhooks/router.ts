import { router } from '../../trpc';
import { create } from './create';
import { deliveries } from './deliveries';
import { enable } from './enable';
import { list } from './list';
import { redeliver } from './redeliver';
import { remove } from './remove';
import { test } from './test';

/** Signed HTTP callbacks for developers (DESIGN.md, API: webhooks). */
export const webhooksRouter = router({ create, list, remove, test, deliveries, redeliver, enable });
