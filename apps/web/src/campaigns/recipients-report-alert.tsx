import { Alert, List, Text } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';
import type { ImportOutcome } from './recipients-report';
import { rejectionReasonText } from './server-texts';

const SHOWN_REJECTIONS = 10;

export function RecipientsReportAlert({ outcome, onClose }: { outcome: ImportOutcome; onClose(): void }) {
  const t = useT();
  const problems = outcome.invalid + outcome.skipped > 0;
  return (
    <Alert
      color={outcome.added === 0 ? 'red' : problems ? 'yellow' : 'teal'}
      title={t('report.title')}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
    >
      <Text size="sm">
        {t('report.summary', { added: outcome.added, skipped: outcome.skipped, invalid: outcome.invalid })}
      </Text>
      {outcome.skipped > 0 && (
        <Text size="sm">
          {t('report.skipped', { duplicates: outcome.duplicates, optedOut: outcome.optedOut })}
        </Text>
      )}
      {outcome.rejected.length > 0 && (
        <List size="sm" mt="xs">
          {outcome.rejected.slice(0, SHOWN_REJECTIONS).map((r) => (
            <List.Item key={`${r.line}:${r.value}`}>
              {t('report.line', { line: r.line })} <bdi dir="ltr">{r.value}</bdi> (
              <bdi>{rejectionReasonText(r.reason, t)}</bdi>)
            </List.Item>
          ))}
          {outcome.rejected.length > SHOWN_REJECTIONS && (
            <List.Item>{t('report.more', { count: outcome.rejected.length - SHOWN_REJECTIONS })}</List.Item>
          )}
        </List>
      )}
    </Alert>
  );
}
