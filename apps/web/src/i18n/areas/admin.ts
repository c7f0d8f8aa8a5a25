/** The admin tab's strings, kept apart so that area can grow without touching the core dictionary. */
export const adminEn = {
  'nav.admin': 'Admin',
};

export const adminFa: Record<keyof typeof adminEn, string> = {
  'nav.admin': 'مدیریت',
};
