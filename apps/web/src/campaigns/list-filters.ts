import { CAMPAIGN_STATUSES, type CampaignStatus } from '@chapar/domain';

/** The campaigns list's filters as they sit in the page's address (shareable, kept on Back). */
export interface ListFilters {
  search: string;
  status: CampaignStatus | null;
  accountId: number | null;
  /** Calendar days `YYYY-MM-DD` in the browser's time zone, both included. */
  from: string;
  to: string;
}

export const NO_FILTERS: ListFilters = { search: '', status: null, accountId: null, from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isStatus(value: string | null): value is CampaignStatus {
  return value !== null && (CAMPAIGN_STATUSES as readonly string[]).includes(value);
}

function validDay(value: string | null): string {
  return value && DAY.test(value) && !Number.isNaN(localDayStart(value).getTime()) ? value : '';
}

export function filtersFromSearch(params: URLSearchParams): ListFilters {
  const status = params.get('status');
  const account = Number(params.get('account'));
  return {
    search: (params.get('q') ?? '').slice(0, 100),
    status: isStatus(status) ? status : null,
    accountId: Number.isSafeInteger(account) && account > 0 ? account : null,
    from: validDay(params.get('from')),
    to: validDay(params.get('to')),
  };
}

export function searchFromFilters(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set('q', filters.search);
  if (filters.status) params.set('status', filters.status);
  if (filters.accountId) params.set('account', String(filters.accountId));
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params;
}

/** Midnight starting that calendar day, in the browser's time zone. */
function localDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** A "to" day later than the "from" day, or one of them missing: the range makes sense. */
export function rangeIsValid(filters: Pick<ListFilters, 'from' | 'to'>): boolean {
  return !filters.from || !filters.to || filters.from <= filters.to;
}

/** What `campaigns.list` takes for these filters: whole local days become `[start, next midnight)`. */
export function listInput(filters: ListFilters) {
  const to = filters.to ? localDayStart(filters.to) : null;
  if (to) to.setDate(to.getDate() + 1);
  const valid = rangeIsValid(filters);
  return {
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.accountId ? { whatsappAccountId: filters.accountId } : {}),
    ...(filters.from && valid ? { createdFrom: localDayStart(filters.from) } : {}),
    ...(to && valid ? { createdTo: to } : {}),
  };
}

export function hasFilters(filters: ListFilters): boolean {
  return searchFromFilters(filters).size > 0;
}
