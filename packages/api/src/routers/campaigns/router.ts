import { router } from '../../trpc';
import { addRecipients } from './add-recipients';
import { attachMedia } from './attach-media';
import { cancel } from './cancel';
import { create } from './create';
import { detachMedia } from './detach-media';
import { duplicate } from './duplicate';
import { get } from './get';
import { importRecipients } from './import-recipients';
import { list } from './list';
import { onProgress } from './on-progress';
import { pause } from './pause';
import { preview } from './preview';
import { previewImport } from './preview-import';
import { recipients } from './recipients';
import { remove } from './remove';
import { resume } from './resume';
import { start } from './start';
import { update } from './update';

/** Campaigns: one file per procedure beside this one; shared guards in guards.ts, input pieces in schemas.ts. */
export const campaignsRouter = router({
  list,
  get,
  create,
  update,
  remove,
  duplicate,
  addRecipients,
  importRecipients,
  previewImport,
  preview,
  attachMedia,
  detachMedia,
  recipients,
  start,
  pause,
  resume,
  cancel,
  onProgress,
});
