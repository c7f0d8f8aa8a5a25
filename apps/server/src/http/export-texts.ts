import type { RecipientStatus } from '@chapar/domain';

/**
 * The words of an exported recipients file, in the languages the SPA speaks. The SPA shows
 * the same statuses (apps/web/src/i18n/*.ts `recipientStatus.*`); a spreadsheet opened
 * outside the app has no SPA to translate it, so the server writes them itself.
 */
export const EXPORT_LANGUAGES = ['fa', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export const EXPORT_COLUMNS = [
  'phone',
  'name',
  'status',
  'sentAt',
  'deliveredAt',
  'readAt',
  'error',
  'whatsappMessageId',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

interface ExportTexts {
  columns: Record<ExportColumn, string>;
  statuses: Record<RecipientStatus, string>;
}

export const EXPORT_TEXTS: Record<ExportLanguage, ExportTexts> = {
  en: {
    columns: {
      phone: 'Phone',
      name: 'Name',
      status: 'Status',
      sentAt: 'Sent at',
      deliveredAt: 'Delivered at',
      readAt: 'Read at',
      error: 'Error',
      whatsappMessageId: 'WhatsApp message ID',
    },
    statuses: {
      PENDING: 'Pending',
      SENDING: 'Sending',
      SENT: 'Sent',
      DELIVERED: 'Delivered',
      READ: 'Read',
      FAILED: 'Failed',
      SKIPPED: 'Skipped',
    },
  },
  fa: {
    columns: {
      phone: 'تلفن',
      name: 'نام',
      status: 'وضعیت',
      sentAt: 'زمان ارسال',
      deliveredAt: 'زمان تحویل',
      readAt: 'زمان خواندن',
      error: 'خطا',
      whatsappMessageId: 'شناسه پیام واتس‌اپ',
    },
    statuses: {
      PENDING: 'در صف',
      SENDING: 'در حال ارسال',
      SENT: 'ارسال‌شده',
      DELIVERED: 'تحویل‌شده',
      READ: 'خوانده‌شده',
      FAILED: 'ناموفق',
      SKIPPED: 'ردشده',
    },
  },
};
