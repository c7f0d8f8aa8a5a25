import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthLayout } from './auth/auth-layout';
import { ForgotPasswordPage } from './auth/forgot-password-page';
import { LoginPage } from './auth/login-page';
import { RegisterPage } from './auth/register-page';
import { AfterSignIn } from './auth/use-session-actions';
import { UserProvider } from './auth/user-context';
import { VerifyPage } from './auth/verify-page';
import { AdminPaymentsPage } from './billing/admin-payments-page';
import { PaymentPage } from './billing/payment-page';
import { PricingPage } from './billing/pricing-page';
import { PublicPricingPage } from './billing/public-pricing-page';
import { CampaignCreatePage } from './campaigns/campaign-create-page';
import { CampaignPage } from './campaigns/campaign-page';
import { CampaignsPage } from './campaigns/campaigns-page';
import { FullPageError, FullPageLoader } from './components/full-page';
import { NotFoundPage } from './components/not-found-page';
import { OptOutsPage } from './opt-outs/opt-outs-page';
import { ProfilePage } from './profile/profile-page';
import { AppLayout } from './shell/app-layout';
import { isUnauthorized } from './trpc/errors';
import { trpc, type User } from './trpc/trpc';
import { AccountsPage } from './whatsapp/accounts-page';

/** `auth.me` decides: signed in gets the app, UNAUTHORIZED gets login and registration. */
export function AppRoutes() {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 60_000 });
  if (me.error && isUnauthorized(me.error)) return <SignedOutRoutes />;
  if (me.data) return <SignedInRoutes user={me.data} />;
  if (me.error) return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  return <FullPageLoader />;
}

function SignedOutRoutes() {
  const location = useLocation();
  return (
    <Routes>
      <Route element={<AuthLayout />}>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/pricing" element={<PublicPricingPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/login" replace state={{ from: location.pathname }} />} />
    </Routes>
  );
}

function SignedInRoutes({ user }: { user: User }) {
  return (
    <UserProvider user={user}>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/campaigns" replace />} />
          <Route path="campaigns" element={<CampaignsPage />} />
          <Route path="campaigns/new" element={<CampaignCreatePage />} />
          <Route path="campaigns/:id" element={<CampaignPage />} />
          <Route path="whatsapp" element={<AccountsPage />} />
          <Route path="opt-outs" element={<OptOutsPage />} />
          <Route path="settings" element={<ProfilePage />} />
          <Route path="pricing" element={<PricingPage />} />
          <Route path="billing/payments" element={<PricingPage />} />
          <Route path="billing/payments/:id" element={<PaymentPage />} />
          <Route path="verify" element={<VerifyPage />} />
          <Route path="admin/payments" element={<AdminPaymentsPage />} />
          <Route path="login" element={<AfterSignIn />} />
          <Route path="register" element={<AfterSignIn />} />
          <Route path="forgot-password" element={<AfterSignIn />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </UserProvider>
  );
}
