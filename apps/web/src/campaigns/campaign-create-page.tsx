import { lazy } from 'react';
import { LazyPage } from './lazy-page';

const CampaignWizard = lazy(() => import('./campaign-wizard').then((m) => ({ default: m.CampaignWizard })));

/** The campaign wizard, loaded when first opened: most visits never create a campaign. */
export function CampaignCreatePage() {
  return (
    <LazyPage>
      <CampaignWizard />
    </LazyPage>
  );
}
