import { Alert, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { errorMessage } from '../trpc/errors';
import { type RouterOutputs, trpc } from '../trpc/trpc';
import { chunks, OPT_OUT_BATCH, parseOptOutLines } from './opt-out-lines';

type AddResult = RouterOutputs['optOuts']['add'];
const SHOWN_REJECTIONS = 10;

/** Numbers typed or pasted, one per line. */
export function AddOptOutsForm() {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [text, setText] = useState('');
  const [result, setResult] = useState<(AddResult & { lines: string[] }) | null>(null);
  const add = trpc.optOuts.add.useMutation();
  const phones = parseOptOutLines(text);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (phones.length === 0) return;
    setResult(null);
    const total: AddResult = { added: 0, invalid: 0, rejected: [] };
    try {
      for (const [n, batch] of chunks(phones, OPT_OUT_BATCH).entries()) {
        const answer = await add.mutateAsync({ phones: batch });
        total.added += answer.added;
        total.invalid += answer.invalid;
        total.rejected.push(...answer.rejected.map((r) => ({ ...r, index: r.index + n * OPT_OUT_BATCH })));
      }
      setResult({ ...total, lines: phones });
      setText('');
    } catch {
      // shown from add.error
    } finally {
      void utils.optOuts.list.invalidate();
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="opt-outs-add-title">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h5" id="opt-outs-add-title">
            {t('optOuts.add.title')}
          </Title>
          <Textarea
            label={t('optOuts.add.label')}
            description={t('optOuts.add.hint')}
            placeholder={'0912 123 4567\n+98 935 765 4321'}
            autosize
            minRows={4}
            maxRows={10}
            dir="ltr"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          {add.error && (
            <Alert color="red" role="alert">
              <bdi>{errorMessage(add.error, t('errors.offline'))}</bdi>
            </Alert>
          )}
          {result && (
            <Alert
              color={result.invalid > 0 ? 'yellow' : 'teal'}
              withCloseButton
              closeButtonLabel={t('common.close')}
              onClose={() => setResult(null)}
              data-testid="opt-outs-add-result"
            >
              <Text size="sm">
                {t('optOuts.add.result', {
                  added: result.added,
                  existing: result.lines.length - result.added - result.invalid,
                  invalid: result.invalid,
                })}
              </Text>
              {result.rejected.length > 0 && (
                <List size="sm" mt={4}>
                  {result.rejected.slice(0, SHOWN_REJECTIONS).map((r) => (
                    <List.Item key={r.index}>
                      <bdi>{r.value}</bdi> (<bdi>{r.reason}</bdi>)
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          <Group>
            <Button
              type="submit"
              variant="light"
              leftSection={<IconBan size={16} aria-hidden />}
              loading={add.isPending}
              disabled={phones.length === 0}
            >
              {t('optOuts.add.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
