import { router } from '../../trpc';
import { changePassword } from './change-password';
import { codeStatus } from './code-status';
import { login } from './login';
import { logout } from './logout';
import { me } from './me';
import { register } from './register';
import { requestCode } from './request-code';
import { requestPasswordReset } from './request-password-reset';
import { resetPassword } from './reset-password';
import { updateProfile } from './update-profile';
import { verifyCode } from './verify-code';

/** Signing up and in, the profile and one-time codes: one file per procedure beside this one. */
export const authRouter = router({
  register,
  login,
  logout,
  me,
  requestCode,
  codeStatus,
  verifyCode,
  requestPasswordReset,
  resetPassword,
  updateProfile,
  changePassword,
});
