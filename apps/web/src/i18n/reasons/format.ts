import type { Reason } from '@chapar/api/reasons';

/** A param's value as the server sends it (reasons.ts, ReasonParam). */
export type Params = Record<string, unknown>;

/** What a sentence needs to say a param in the page's language. */
export interface Say {
  /** 4096 → "4,096" / "۴٬۰۹۶". */
  number(value: unknown): string;
  /** A campaign's, an account's or a payment's status (RUNNING, READY, PAID…). */
  campaignStatus(value: unknown): string;
  accountStatus(value: unknown): string;
  paymentStatus(value: unknown): string;
  /** Seconds to wait, in minutes from two minutes on. */
  wait(seconds: unknown): string;
  /** Bytes as "50 MB". */
  size(bytes: unknown): string;
  /** Names quoted and listed: «a»، «b». */
  quoted(values: unknown): string;
  /** An ISO time, as a date and time. */
  time(value: unknown): string;
  /** Text from outside (a label, an administrator's note) as it is. */
  text(value: unknown): string;
}

/** How a reason is said: a sentence built from its params. */
export type ReasonText = (params: Params, say: Say) => string;

/** Every reason of the catalogue, said in one language (a missing one fails the typecheck). */
export type ReasonDictionary = Record<Reason, ReasonText>;

export function sayIn(locale: string, labels: StatusLabels, units: SizeUnits): Say {
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const num = (value: unknown) => {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? numbers.format(n) : String(value ?? '');
  };
  const label = (table: Record<string, string>) => (value: unknown) =>
    table[String(value)] ?? String(value ?? '').toLowerCase();
  const list = (values: unknown) => (Array.isArray(values) ? values.map(String) : [String(values ?? '')]);
  return {
    number: num,
    campaignStatus: label(labels.campaign),
    accountStatus: label(labels.account),
    paymentStatus: label(labels.payment),
    wait: (seconds) => {
      const s = Number(seconds);
      return s >= 120 ? units.minutes(num(Math.ceil(s / 60))) : units.seconds(num(s));
    },
    size: (bytes) => {
      let value = Number(bytes);
      let unit = 0;
      while (value >= 1024 && unit < units.sizes.length - 1) {
        value /= 1024;
        unit++;
      }
      return `${num(Math.round(value * 10) / 10)} ${units.sizes[unit]}`;
    },
    quoted: (values) => list(values).map(units.quote).join(units.listSeparator),
    time: (value) => {
      const date = new Date(String(value));
      return Number.isNaN(date.getTime())
        ? String(value ?? '')
        : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    },
    text: (value) => String(value ?? ''),
  };
}

export interface StatusLabels {
  campaign: Record<string, string>;
  account: Record<string, string>;
  payment: Record<string, string>;
}

export interface SizeUnits {
  sizes: readonly string[];
  seconds(n: string): string;
  minutes(n: string): string;
  quote(text: string): string;
  listSeparator: string;
}
