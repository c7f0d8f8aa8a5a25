import type { AppRouter, inferRouterInputs, inferRouterOutputs } from '@chapar/api';
import type { TRPCClientErrorLike } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';

/** The typed React hooks for every procedure of the API (`trpc.campaigns.get.useQuery(...)`). */
export const trpc = createTRPCReact<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type ApiError = TRPCClientErrorLike<AppRouter>;

export type User = RouterOutputs['auth']['me'];
export type Account = RouterOutputs['whatsapp']['list'][number];
export type Campaign = RouterOutputs['campaigns']['get'];
export type Recipient = RouterOutputs['campaigns']['recipients']['items'][number];
export type RecipientsReport = RouterOutputs['campaigns']['addRecipients'];
export type ImportReport = RouterOutputs['campaigns']['importRecipients'];
export type ImportPreview = RouterOutputs['campaigns']['previewImport'];
export type MessagePreview = RouterOutputs['campaigns']['preview'];
export type CampaignMedia = NonNullable<Campaign['media']>;
export type OptOut = RouterOutputs['optOuts']['list']['items'][number];
