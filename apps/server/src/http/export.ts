import type http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Ports, RecipientRecord, UserRecord } from '@chapar/api';
import { isTimeZone, neutralizeCell } from '@chapar/domain';
import { stringify } from 'csv-stringify';
import { EXPORT_COLUMNS, EXPORT_LANGUAGES, EXPORT_TEXTS, type ExportLanguage } from './export-texts';
import { csvTime, spreadsheetTime } from './export-times';

const PAGE = 500;
const TIME_COLUMNS = new Set<string>(['sentAt', 'deliveredAt', 'readAt']);
const XLSX_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const PHONE_COLUMN = EXPORT_COLUMNS.indexOf('phone') + 1; // exceljs counts from 1

interface ExportOptions {
  language: ExportLanguage;
  timeZone: string;
}

/**
 * The zone when the SPA sends none (a link opened by hand): the one most users of the
 * user's default country live in, else UTC. The SPA always sends the browser's zone.
 */
function defaultTimeZone(country: string): string {
  return country === 'IR' ? 'Asia/Tehran' : 'UTC';
}

/** `?lang=fa|en&tz=<IANA zone>`; both optional. A message for a value we cannot use. */
export function exportOptions(query: URLSearchParams, user: UserRecord): ExportOptions | string {
  const lang = query.get('lang') ?? user.locale;
  const language = EXPORT_LANGUAGES.find((l) => l === lang);
  if (!language) return `Unknown language "${lang}"; use lang=fa or lang=en.`;
  const timeZone = query.get('tz') ?? defaultTimeZone(user.defaultCountry);
  if (!isTimeZone(timeZone))
    return `Unknown time zone "${timeZone}"; use an IANA name such as Asia/Tehran or UTC.`;
  return { language, timeZone };
}

type Cell = string | Date | null;

/** One row: times as Dates (each format writes them its own way), everything else as text. */
function cells(r: RecipientRecord, variableKeys: string[], language: ExportLanguage): Cell[] {
  const base: Record<(typeof EXPORT_COLUMNS)[number], Cell> = {
    phone: r.phone,
    name: r.name ?? '',
    status: EXPORT_TEXTS[language].statuses[r.status],
    sentAt: r.sentAt,
    deliveredAt: r.deliveredAt,
    readAt: r.readAt,
    error: r.error ?? '',
    whatsappMessageId: r.whatsappMessageId ?? '',
  };
  const values = [...EXPORT_COLUMNS.map((c) => base[c]), ...variableKeys.map((k) => r.variables?.[k] ?? '')];
  return values.map((v) => (typeof v === 'string' ? neutralizeCell(v) : v));
}

async function* allRecipients(ports: Ports, campaignId: number) {
  let cursor: number | null = null;
  do {
    const page = await ports.campaigns.recipients(campaignId, { cursor, limit: PAGE });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/**
 * GET /api/campaigns/<id>/recipients.csv|xlsx — every recipient with status, timestamps,
 * error and imported columns, streamed page by page, in the reader's language and time zone
 * (see exportOptions). XLSX cells are typed: text phones, date cells; CSV times are text.
 * Answers 404 for someone else's campaign.
 */
export async function exportRecipients(
  ports: Ports,
  user: UserRecord,
  campaignId: number,
  format: 'csv' | 'xlsx',
  query: URLSearchParams,
  res: http.ServerResponse,
): Promise<void> {
  const options = exportOptions(query, user);
  if (typeof options === 'string') {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: options }));
    return;
  }
  const campaign = await ports.campaigns.get(user.id, campaignId);
  if (!campaign) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'Campaign not found.' }));
    return;
  }
  const { language, timeZone } = options;
  const header = [
    ...EXPORT_COLUMNS.map((c) => EXPORT_TEXTS[language].columns[c]),
    ...campaign.variableKeys,
  ].map(neutralizeCell);
  const rowsOf = () => allRecipients(ports, campaign.id);
  const toRow = (r: RecipientRecord) => cells(r, campaign.variableKeys, language);
  const name = `campaign-${campaign.id}-recipients.${format}`;
  if (format === 'csv') {
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
    });
    // A BOM so Excel opens Persian text as UTF-8.
    res.write('\uFEFF');
    const rows = async function* () {
      for await (const r of rowsOf())
        yield toRow(r).map((v) => (v instanceof Date ? csvTime(v, timeZone, language) : (v ?? '')));
    };
    // pipeline: backpressure from a slow client, and a client that goes away ends the export.
    await pipeline(Readable.from(rows()), stringify({ header: true, columns: header }), res);
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="${name}"`,
  });
  // exceljs is large and only exports use it: loaded with the first XLSX export.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: res,
    useSharedStrings: false,
    useStyles: true, // without it the number formats (dates, text phones) are dropped
  });
  const sheet = workbook.addWorksheet('Recipients', { views: [{ rightToLeft: language === 'fa' }] });
  sheet.columns = header.map((h, i) => ({
    width: TIME_COLUMNS.has(EXPORT_COLUMNS[i] ?? '') ? 20 : Math.max(14, h.length + 2),
  }));
  sheet.addRow(header).commit();
  for await (const r of rowsOf()) {
    if (res.destroyed) return; // the client went away
    const row = sheet.addRow(toRow(r).map((v) => (v instanceof Date ? spreadsheetTime(v, timeZone) : v)));
    row.eachCell((cell, column) => {
      if (cell.value instanceof Date) cell.numFmt = XLSX_TIME_FORMAT;
      else if (column === PHONE_COLUMN) cell.numFmt = '@'; // text, never read back as a number
    });
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}
