import { formFile, formId, zFormData } from '../../form-data';
import { zCampaign } from '../../schemas';
import { authedProcedure } from '../../trpc';

/** One image, video, audio or document sent with every message (FormData: campaignId, file). */
export const attachMedia = authedProcedure
  .input(zFormData)
  .output(zCampaign)
  .mutation(async ({ ctx, input }) => {
    const campaignId = formId(input, 'campaignId');
    const file = formFile(input);
    return ctx.ports.media.attach(ctx.user.id, campaignId, file, (file as File).name || 'attachment');
  });
