import { lazy } from 'react';
import { LazyPage } from './lazy-page';

const CampaignPageView = lazy(() => import('./campaign-view').then((m) => ({ default: m.CampaignPageView })));

/** A campaign's page (live counters, message, recipients table), loaded when first opened. */
export function CampaignPage() {
  return (
    <LazyPage>
      <CampaignPageView />
    </LazyPage>
  );
}
