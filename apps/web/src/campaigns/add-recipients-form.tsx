import type { CountryCode } from '@chapar/domain';
import { Button, Group, Stack } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { notifyError } from '../components/notify';
import { useT } from '../i18n/i18n-provider';
import { RecipientsInput } from './recipients-input';
import { parseRecipients } from './recipients-parse';
import type { ImportOutcome } from './recipients-report';
import { useAddRecipients } from './use-add-recipients';

/** Pasted recipients ("phone, name" per line) for a campaign that has not finished. */
export function AddRecipientsForm(props: {
  campaignId: number;
  country: CountryCode;
  onAdded(outcome: ImportOutcome): void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const { add, pending } = useAddRecipients();
  const rows = parseRecipients(text);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      props.onAdded(await add(props.campaignId, rows));
      setText('');
    } catch (error) {
      notifyError(t, error);
    }
  };

  return (
    <form onSubmit={submit} aria-label={t('recipients.add.paste')}>
      <Stack gap="sm">
        <RecipientsInput value={text} onChange={setText} country={props.country} />
        <Group>
          <Button
            type="submit"
            variant="light"
            leftSection={<IconUserPlus size={16} aria-hidden />}
            loading={pending}
            disabled={rows.length === 0}
          >
            {t('recipients.add.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
