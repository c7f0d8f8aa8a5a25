/** The failed-password counter of one account, whichever identifier or form the guesses use. */
export const accountLimitKey = (userId: number) => `user:${userId}`;
