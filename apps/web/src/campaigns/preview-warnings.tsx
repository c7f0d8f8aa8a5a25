import { Alert, Code, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n-provider';
import { reasonText } from '../i18n/reasons';

export interface PreviewProblem {
  message: string;
  line: number;
  column: number;
  /** TEMPLATE_<code> with `{ line, column, snippet }`, said in the page's language. */
  reason: string;
  params: Record<string, unknown>;
}

/**
 * Template mistakes (a `{{` not closed, an empty or odd variable name) and variables no
 * recipient has: both stop the campaign from starting, so they are shown before it.
 */
export function PreviewWarnings({
  unknownVariables,
  problems,
  blankVariables = [],
  unknownHint,
}: {
  unknownVariables: readonly string[];
  problems: readonly PreviewProblem[];
  /** Variables without a fallback that are blank for the recipient shown ("Hi , …"). */
  blankVariables?: readonly string[];
  /** Replaces the usual advice under the unknown variables (e.g. before any import). */
  unknownHint?: string | undefined;
}) {
  const { t, language } = useI18n();
  if (unknownVariables.length === 0 && problems.length === 0 && blankVariables.length === 0) return null;
  const first = unknownVariables[0];
  return (
    <Stack gap="xs" aria-live="polite">
      {blankVariables.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="preview-blank">
          {t('preview.blank', {
            variables: blankVariables.map((name) => `{{${name}}}`).join(' '),
            example: `{{${blankVariables[0]}|${t('preview.blankFallback')}}}`,
          })}
        </Alert>
      )}
      {problems.length > 0 && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t('preview.problems.title')}
          data-testid="preview-problems"
        >
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={`${p.line}:${p.column}:${p.message}`}>
                {t('preview.problems.at', { line: p.line, column: p.column })}{' '}
                <bdi>{reasonText(language, p.reason, p.params, p.message)}</bdi>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {first !== undefined && (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t('preview.unknown.title')}
          data-testid="preview-unknown"
        >
          <Text size="sm">
            {unknownVariables.map((name, i) => (
              <span key={name}>
                {i > 0 && ' '}
                <Code dir="ltr">{`{{${name}}}`}</Code>
              </span>
            ))}
          </Text>
          <Text size="sm" mt={4}>
            {unknownHint ?? t('preview.unknown.hint', { example: `{{${first}|…}}` })}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
