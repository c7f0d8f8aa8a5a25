import type http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Ports, RecipientRecord, UserRecord } from '@chapar/api';
import { neutralizeCell } from '@chapar/api/domain';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

const PAGE = 500;
const COLUMNS = [
  'phone',
  'name',
  'status',
  'sentAt',
  'deliveredAt',
  'readAt',
  'error',
  'whatsappMessageId',
] as const;

function cells(r: RecipientRecord, variableKeys: string[]): string[] {
  const iso = (d: Date | null) => (d ? d.toISOString() : '');
  const base = [
    r.phone,
    r.name ?? '',
    r.status,
    iso(r.sentAt),
    iso(r.deliveredAt),
    iso(r.readAt),
    r.error ?? '',
    r.whatsappMessageId ?? '',
  ];
  const vars = variableKeys.map((k) => r.variables?.[k] ?? '');
  return [...base, ...vars].map(neutralizeCell);
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
 * error and imported columns, streamed page by page. Answers 404 for someone else's campaign.
 */
export async function exportRecipients(
  ports: Ports,
  user: UserRecord,
  campaignId: number,
  format: 'csv' | 'xlsx',
  res: http.ServerResponse,
): Promise<void> {
  const campaign = await ports.campaigns.get(user.id, campaignId);
  if (!campaign) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'Campaign not found.' }));
    return;
  }
  const header = [...COLUMNS, ...campaign.variableKeys];
  const name = `campaign-${campaign.id}-recipients.${format}`;
  if (format === 'csv') {
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
    });
    // A BOM so Excel opens Persian text as UTF-8.
    res.write('\uFEFF');
    const rows = async function* () {
      for await (const r of allRecipients(ports, campaign.id)) yield cells(r, campaign.variableKeys);
    };
    // pipeline: backpressure from a slow client, and a client that goes away ends the export.
    await pipeline(
      Readable.from(rows()),
      stringify({ header: true, columns: header.map(neutralizeCell) }),
      res,
    );
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="${name}"`,
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Recipients');
  sheet.addRow(header.map(neutralizeCell)).commit();
  for await (const r of allRecipients(ports, campaign.id)) {
    if (res.destroyed) return; // the client went away
    sheet.addRow(cells(r, campaign.variableKeys)).commit();
  }
  sheet.commit();
  await workbook.commit();
}
