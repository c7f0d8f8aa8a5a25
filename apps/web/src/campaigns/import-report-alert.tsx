import { Alert, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { downloadText } from '../files/download';
import { useI18n } from '../i18n/i18n-provider';
import type { ImportReport } from '../trpc/trpc';
import { rejectionText } from './phone-problems';
import { rejectedRowsCsv } from './rejected-csv';

/** Rejected rows shown on the page; all the reported ones are in the download. */
export const SHOWN_REJECTED_ROWS = 10;

interface Props {
  report: ImportReport;
  /** The imported file's name, for the title and the download's name. */
  fileName?: string | null | undefined;
  onClose?: (() => void) | undefined;
}

/** What a file import did: the totals, the columns found, and the rows refused. */
export function ImportReportAlert({ report, fileName, onClose }: Props) {
  const { t, formatNumber } = useI18n();
  const problems = report.invalid + report.duplicates + report.optedOut > 0;
  // A file with no rows (a header alone) imported nothing: say so, not "Imported … 0 rows".
  const empty = report.rows === 0;
  const color = report.added === 0 ? (empty ? 'red' : 'yellow') : problems ? 'yellow' : 'teal';
  const title = empty
    ? fileName
      ? t('import.report.nothingFile', { file: fileName })
      : t('import.report.nothing')
    : fileName
      ? t('import.report.titleFile', { file: fileName })
      : t('import.report.title');
  const shown = report.rejected.slice(0, SHOWN_REJECTED_ROWS);
  const download = () =>
    downloadText(
      `${(fileName ?? 'import').replace(/\.[^.]+$/, '')}-rejected.csv`,
      rejectedRowsCsv(
        report.rejected.map((r) => ({ ...r, reason: rejectionText(r, t) })),
        [t('import.rejected.line'), t('import.rejected.value'), t('import.rejected.reason')],
      ),
    );

  return (
    <Alert
      color={color}
      title={title}
      data-testid="import-report"
      {...(onClose ? { withCloseButton: true, closeButtonLabel: t('common.close'), onClose } : {})}
    >
      <Stack gap="xs">
        <Text size="sm" data-testid="import-report-summary">
          {empty
            ? t('import.report.noRows')
            : t('import.report.summary', {
                rows: report.rows,
                added: report.added,
                duplicates: report.duplicates,
                optedOut: report.optedOut,
                invalid: report.invalid,
              })}
        </Text>
        {report.columnChoice.phone.length > 0 && (
          <Text size="sm" data-testid="import-column-choice">
            {report.columnChoice.name.length > 0
              ? t('import.report.choice', {
                  phone: report.columnChoice.phone.join(', '),
                  name: report.columnChoice.name.join(' + '),
                })
              : t('import.report.choiceNoName', { phone: report.columnChoice.phone.join(', ') })}
          </Text>
        )}
        {report.otherNumbersTotal > 0 && <OtherNumbersTable report={report} />}
        {report.columns.length > 0 && (
          <Text size="sm">
            {t('import.report.columns')}{' '}
            {report.columns.map((column, i) => (
              <span key={column}>
                {i > 0 && ' '}
                <Code dir="ltr">{`{{${column}}}`}</Code>
              </span>
            ))}
          </Text>
        )}
        {report.rejectedTotal > 0 && (
          <>
            <Table
              withTableBorder
              fz="sm"
              verticalSpacing={4}
              aria-label={t('import.rejected.title')}
              data-testid="import-rejected"
            >
              <Table.Caption>
                {report.rejectedTotal > shown.length
                  ? t('import.rejected.firstOf', { shown: shown.length, total: report.rejectedTotal })
                  : t('import.rejected.title')}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.rejected.line')}</Table.Th>
                  <Table.Th>{t('import.rejected.value')}</Table.Th>
                  <Table.Th>{t('import.rejected.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((r) => (
                  <Table.Tr key={`${r.line}:${r.value}`}>
                    <Table.Td>{formatNumber(r.line)}</Table.Td>
                    <Table.Td>
                      <bdi>{r.value}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{rejectionText(r, t)}</bdi>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                leftSection={<IconDownload size={14} aria-hidden />}
                onClick={download}
              >
                {t('import.rejected.download')}
              </Button>
              {report.rejected.length < report.rejectedTotal && (
                <Text size="xs" c="dimmed">
                  {t('import.rejected.downloadLimit', {
                    count: report.rejected.length,
                    total: report.rejectedTotal,
                  })}
                </Text>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Alert>
  );
}

/** Contacts that had several numbers: the one added and the ones that were not. */
function OtherNumbersTable({ report }: { report: ImportReport }) {
  const { t, formatNumber } = useI18n();
  const shown = report.otherNumbers.slice(0, SHOWN_REJECTED_ROWS);
  return (
    <Table
      withTableBorder
      fz="sm"
      verticalSpacing={4}
      aria-label={t('import.other.title')}
      data-testid="import-other-numbers"
    >
      <Table.Caption>
        {report.otherNumbersTotal > shown.length
          ? t('import.other.firstOf', { shown: shown.length, total: report.otherNumbersTotal })
          : t('import.other.title')}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('import.rejected.line')}</Table.Th>
          <Table.Th>{t('import.other.added')}</Table.Th>
          <Table.Th>{t('import.other.others')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {shown.map((r) => (
          <Table.Tr key={r.line}>
            <Table.Td>{formatNumber(r.line)}</Table.Td>
            <Table.Td dir="ltr">{r.phone}</Table.Td>
            <Table.Td dir="ltr">{r.others.join(', ')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
