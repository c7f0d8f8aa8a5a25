/** Pricing, payments and verification strings, kept apart from the core dictionary. */
export const billingEn = {
  'nav.pricing': 'Pricing',
};

export const billingFa: Record<keyof typeof billingEn, string> = {
  'nav.pricing': 'تعرفه‌ها',
};
