import { zUser } from '../../schemas';
import { authedProcedure } from '../../trpc';

export const me = authedProcedure.output(zUser).query(({ ctx }) => ctx.user);
