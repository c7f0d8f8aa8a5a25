import { createContext, type ReactNode, useContext } from 'react';
import type { User } from '../trpc/trpc';

const UserContext = createContext<User | null>(null);

export function UserProvider({ user, children }: { user: User; children: ReactNode }) {
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

/** The signed-in user; only pages behind the sign-in gate call it. */
export function useUser(): User {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser must be used inside the signed-in routes.');
  return user;
}

/** The signed-in user, or null on the sign-in pages (for parts shared by both). */
export function useOptionalUser(): User | null {
  return useContext(UserContext);
}
