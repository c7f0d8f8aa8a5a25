import { type CountryCode, isCountryCode } from '@chapar/domain';
import type { User } from '../trpc/trpc';

/** The region national numbers are read in: the user's own, Iran when unknown. */
export function userCountry(user: Pick<User, 'defaultCountry'>): CountryCode {
  return isCountryCode(user.defaultCountry) ? user.defaultCountry : 'IR';
}
