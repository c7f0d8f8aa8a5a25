import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthLayout } from './auth/auth-layout';
import { AfterSignIn } from './auth/use-session-actions';
import { UserProvider } from './auth/user-context';
import { FullPageError, FullPageLoader } from './components/full-page';
import { NotFoundPage } from './components/not-found-page';
import { UserLanguage } from './i18n/user-language';
import { AppLayout } from './shell/app-layout';
import { isUnauthorized } from './trpc/errors';
import { trpc, type User } from './trpc/trpc';

/*
 * Each area is its own chunk, loaded on first visit (the shell shows a skeleton meanwhile),
 * so the first load carries only the shell and the page asked for.
 */
const LoginPage = lazy(() => import('./auth/login-page').then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import('./auth/register-page').then((m) => ({ default: m.RegisterPage })));
const DashboardPage = lazy(() =>
  import('./dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const CampaignsPage = lazy(() =>
  import('./campaigns/campaigns-page').then((m) => ({ default: m.CampaignsPage })),
);
const CampaignWizard = lazy(() =>
  import('./campaigns/campaign-wizard').then((m) => ({ default: m.CampaignWizard })),
);
const CampaignPage = lazy(() =>
  import('./campaigns/campaign-page').then((m) => ({ default: m.CampaignPage })),
);
const AccountsPage = lazy(() =>
  import('./whatsapp/accounts-page').then((m) => ({ default: m.AccountsPage })),
);
const OptOutsPage = lazy(() => import('./opt-outs/opt-outs-page').then((m) => ({ default: m.OptOutsPage })));
const ForgotPasswordPage = lazy(() =>
  import('./auth/forgot-password-page').then((m) => ({ default: m.ForgotPasswordPage })),
);
const PricingPage = lazy(() => import('./billing/pricing-page').then((m) => ({ default: m.PricingPage })));
const PublicPricingPage = lazy(() =>
  import('./billing/public-pricing-page').then((m) => ({ default: m.PublicPricingPage })),
);
const PaymentPage = lazy(() => import('./billing/payment-page').then((m) => ({ default: m.PaymentPage })));
const VerifyPage = lazy(() => import('./auth/verify-page').then((m) => ({ default: m.VerifyPage })));
const SettingsPage = lazy(() => import('./profile/settings-page').then((m) => ({ default: m.SettingsPage })));
const WebhooksPage = lazy(() =>
  import('./webhooks/webhooks-page').then((m) => ({ default: m.WebhooksPage })),
);

// The admin tab is its own chunk: users who never open it never download it.
const AdminArea = lazy(() => import('./admin/admin-area'));

/** `auth.me` decides: signed in gets the app, UNAUTHORIZED gets login and registration. */
export function AppRoutes() {
  // Asked again every minute, so a session ended elsewhere (logout, ban, password change)
  // leaves an idle page too, not only on its next request.
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 60_000, refetchInterval: 60_000 });
  if (me.error && isUnauthorized(me.error)) return <SignedOutRoutes />;
  if (me.data) return <SignedInRoutes user={me.data} />;
  if (me.error) return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  return <FullPageLoader />;
}

function SignedOutRoutes() {
  const location = useLocation();
  return (
    <Suspense fallback={<FullPageLoader />}>
      <SignedOutPages from={location.pathname} />
    </Suspense>
  );
}

function SignedOutPages({ from }: { from: string }) {
  return (
    <Routes>
      <Route element={<AuthLayout />}>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/pricing" element={<PublicPricingPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/login" replace state={{ from }} />} />
    </Routes>
  );
}

function SignedInRoutes({ user }: { user: User }) {
  return (
    <UserProvider user={user}>
      <UserLanguage />
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/dashboard" replace />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="campaigns" element={<CampaignsPage />} />
          <Route path="campaigns/new" element={<CampaignWizard />} />
          <Route path="campaigns/:id" element={<CampaignPage />} />
          <Route path="whatsapp" element={<AccountsPage />} />
          <Route path="opt-outs" element={<OptOutsPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="settings/webhooks" element={<WebhooksPage />} />
          <Route path="admin/*" element={<AdminArea />} />
          <Route path="pricing" element={<PricingPage />} />
          <Route path="billing/payments" element={<PricingPage />} />
          <Route path="billing/payments/:id" element={<PaymentPage />} />
          <Route path="verify" element={<VerifyPage />} />
          <Route path="login" element={<AfterSignIn />} />
          <Route path="register" element={<AfterSignIn />} />
          <Route path="forgot-password" element={<AfterSignIn />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </UserProvider>
  );
}
