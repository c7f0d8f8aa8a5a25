import { Alert, Button, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import { type ApiError, trpc } from '../trpc/trpc';

interface CardProps {
  /** The id of the card's heading, which names the section. */
  titleId: string;
  title: string;
  onSubmit(): Promise<void>;
  /** The submission's failure, shown above its report. */
  error: ApiError | null;
  errorTitle?: string | undefined;
  /** The last submission's report (an {@link OptOutsReport}), if any. */
  report: ReactNode;
  submitLabel: string;
  submitIcon: ReactNode;
  pending: boolean;
  /** Nothing to send yet. */
  empty: boolean;
  /** The form's fields. */
  children: ReactNode;
}

/** A card on the opt-outs page that adds numbers to the list: its fields, error, report and button. */
export function OptOutFormCard(props: CardProps) {
  const t = useT();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={props.titleId}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void props.onSubmit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h5" id={props.titleId}>
            {props.title}
          </Title>
          {props.children}
          {props.error && (
            <Alert color="red" title={props.errorTitle} role="alert">
              <bdi>{errorMessage(props.error, t('errors.offline'))}</bdi>
            </Alert>
          )}
          {props.report}
          <Group>
            <Button
              type="submit"
              variant="light"
              leftSection={props.submitIcon}
              loading={props.pending}
              disabled={props.empty}
            >
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** What a submission added: yellow when some numbers were refused; closable. */
export function OptOutsReport(props: {
  warn: boolean;
  title?: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Alert
      color={props.warn ? 'yellow' : 'teal'}
      title={props.title}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={props.onClose}
      data-testid={props.testId}
    >
      {props.children}
    </Alert>
  );
}

/**
 * Runs a submission's calls and then refreshes the list, whether they worked or not (a
 * batch may have gone in before a failure); the failure itself is shown from the mutation.
 */
export function useSubmitAndRefresh(): (work: () => Promise<void>) => Promise<void> {
  const utils = trpc.useUtils();
  return async (work) => {
    try {
      await work();
    } catch {
      // shown from the mutation's error
    } finally {
      void utils.optOuts.list.invalidate();
    }
  };
}
