import { Group, NativeSelect, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import { type ImportPreview, trpc } from '../trpc/trpc';

/** The columns the user chose; null: the ones the server found (its header rules, fallbacks included). */
export interface ColumnMapping {
  phone: number;
  /** null: no name; undefined: the server's choice of a single name column. */
  name?: number | null;
  skipHeader: boolean;
}

const NO_NAME = 'none';
const JOINED = 'joined';
const SAMPLE_ROWS = 3;

/** Enough of a text file for its first rows; a workbook (a zip) is read from its end, so whole. */
const TEXT_HEAD_BYTES = 256 * 1024;

/** The FormData `campaigns.previewImport` takes: the sheet, then the file (or its start). */
async function previewForm(file: File, sheet: string): Promise<FormData> {
  const form = new FormData();
  if (sheet.trim()) form.append('sheet', sheet.trim());
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const zip = magic[0] === 0x50 && magic[1] === 0x4b; // "PK"
  form.append('file', zip ? file : file.slice(0, TEXT_HEAD_BYTES), file.name);
  return form;
}

/**
 * The phone and name columns an import of `file` would take, read by the server from its
 * first rows (nothing is stored), with selects to change them and the first rows to judge by.
 */
export function ImportFileColumns({
  file,
  sheet,
  mapping,
  onMapping,
  disabled,
}: {
  file: File;
  sheet: string;
  mapping: ColumnMapping | null;
  onMapping(mapping: ColumnMapping | null): void;
  disabled?: boolean | undefined;
}) {
  const t = useT();
  const preview = trpc.campaigns.previewImport.useMutation();
  const [found, setFound] = useState<ImportPreview | null>(null);
  const { mutate, reset } = preview;

  useEffect(() => {
    setFound(null);
    reset();
    // A sheet name is typed a letter at a time: ask once it settles.
    const timer = setTimeout(() => {
      void previewForm(file, sheet).then((form) => mutate(form, { onSuccess: setFound }));
    }, 300);
    return () => clearTimeout(timer);
  }, [file, sheet, mutate, reset]);

  if (preview.error) {
    return (
      <Text size="sm" c="dimmed" data-testid="import-columns-error">
        {t('import.columns.unreadable', { reason: errorMessage(preview.error, t('errors.offline')) })}
      </Text>
    );
  }
  if (!found) {
    return (
      <Text size="sm" c="dimmed">
        {t('import.columns.reading')}
      </Text>
    );
  }

  const label = (index: number) => found.columns[index]?.label ?? `#${index + 1}`;
  const joined = found.nameParts.length > 1;
  const phone = mapping?.phone ?? found.phone;
  const nameValue =
    mapping === null
      ? joined
        ? JOINED
        : found.name === null
          ? NO_NAME
          : String(found.name)
      : mapping.name === undefined
        ? JOINED
        : mapping.name === null
          ? NO_NAME
          : String(mapping.name);

  const choose = (next: { phone: number; name: string }) => {
    const automatic =
      next.phone === found.phone &&
      next.name === (joined ? JOINED : found.name === null ? NO_NAME : String(found.name));
    if (automatic) return onMapping(null);
    onMapping({
      phone: next.phone,
      ...(next.name === JOINED ? {} : { name: next.name === NO_NAME ? null : Number(next.name) }),
      skipHeader: found.headerLine !== null,
    });
  };

  const columnOptions = found.columns.map((c) => ({ value: String(c.index), label: c.label }));
  const nameOptions = [
    ...(joined
      ? [
          {
            value: JOINED,
            label: t('import.columns.joined', { columns: found.nameParts.map(label).join(' + ') }),
          },
        ]
      : []),
    ...columnOptions.filter((o) => o.value !== String(phone)),
    { value: NO_NAME, label: t('import.columns.noName') },
  ];

  return (
    <Stack gap="xs" data-testid="import-columns">
      <Group grow align="flex-start">
        <NativeSelect
          label={t('import.columns.phone')}
          data={columnOptions}
          value={String(phone)}
          disabled={disabled}
          onChange={(e) => {
            const next = Number(e.currentTarget.value);
            choose({ phone: next, name: nameValue === String(next) ? NO_NAME : nameValue });
          }}
        />
        <NativeSelect
          label={t('import.columns.name')}
          data={nameOptions}
          value={nameValue}
          disabled={disabled}
          onChange={(e) => choose({ phone, name: e.currentTarget.value })}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {found.detectedBy === 'content' ? t('import.columns.detectedContent') : t('import.columns.detected')}
      </Text>
      {found.sample.length > 0 && (
        <ScrollArea type="auto">
          <Table withTableBorder fz="xs" aria-label={t('import.columns.sample')}>
            <Table.Thead>
              <Table.Tr>
                {found.columns.map((c) => (
                  <Table.Th key={c.index} fw={c.index === phone ? 700 : 400}>
                    <bdi>{c.label}</bdi>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {found.sample.slice(0, SAMPLE_ROWS).map((row) => (
                <Table.Tr key={row.line}>
                  {found.columns.map((c) => (
                    <Table.Td key={c.index}>
                      <bdi>{row.cells[c.index] ?? ''}</bdi>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Stack>
  );
}
