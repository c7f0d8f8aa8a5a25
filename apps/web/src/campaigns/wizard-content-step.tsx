import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { userCountry } from '../auth/country';
import { useUser } from '../auth/user-context';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { useT } from '../i18n/i18n-provider';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';
import type { WizardDraft } from './campaign-wizard';
import { CreatePreview } from './create-preview';
import type { RecipientRow } from './recipients-parse';
import { TemplateHelp } from './template-help';

const FIELDS = ['title', 'message'] as const;

/** Step 1: the title and the message, with the message as a recipient will see it. */
export function WizardContentStep({
  draft,
  onChange,
  campaignId,
  previewRows,
  onDone,
}: {
  draft: WizardDraft;
  onChange(patch: Partial<WizardDraft>): void;
  /** Once the campaign exists, leaving this step saves the content to it. */
  campaignId: number | null;
  previewRows: readonly RecipientRow[];
  onDone(): void;
}) {
  const t = useT();
  const country = userCountry(useUser());
  const utils = trpc.useUtils();
  const update = trpc.campaigns.update.useMutation();
  const [missingMessage, setMissingMessage] = useState(false);
  const errors = formErrors(update.error, FIELDS, t('errors.offline'));
  const messageError = missingMessage ? t('wizard.messageRequired') : errors.fields.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.message.trim()) {
      setMissingMessage(true);
      return;
    }
    if (campaignId !== null) {
      try {
        const campaign = await update.mutateAsync({
          id: campaignId,
          title: draft.title.trim() || null,
          message: draft.message,
        });
        utils.campaigns.get.setData({ id: campaignId }, campaign);
      } catch {
        return; // shown beside the fields
      }
    }
    onDone();
  };

  return (
    <form onSubmit={submit} aria-label={t('wizard.step.content')} noValidate>
      <Stack pt="md">
        <FormErrorAlert message={errors.general} />
        <TextInput
          label={t('create.titleLabel')}
          description={t('create.titleHint')}
          maxLength={255}
          value={draft.title}
          onChange={(e) => onChange({ title: e.currentTarget.value })}
          error={fieldError(errors.fields.title)}
        />
        <Textarea
          label={t('create.message')}
          description={t('create.messageHint')}
          required
          autosize
          minRows={4}
          maxRows={12}
          maxLength={4096}
          dir="auto"
          value={draft.message}
          onChange={(e) => {
            setMissingMessage(false);
            onChange({ message: e.currentTarget.value });
          }}
          error={fieldError(messageError)}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <TemplateHelp />
          <CreatePreview message={draft.message} rows={previewRows} fromFile={false} country={country} />
        </SimpleGrid>
        <Group justify="space-between">
          <Button variant="default" component={Link} to="/campaigns">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('wizard.next')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
