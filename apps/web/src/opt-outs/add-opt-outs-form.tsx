import { List, Text } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import { LinesTextarea } from '../components/lines-textarea';
import { useI18n } from '../i18n/i18n-provider';
import { type RouterOutputs, trpc } from '../trpc/trpc';
import { OptOutFormCard, OptOutsReport, useSubmitAndRefresh } from './opt-out-form-card';
import { chunks, OPT_OUT_BATCH, parseOptOutLines } from './opt-out-lines';

type AddResult = RouterOutputs['optOuts']['add'];
const SHOWN_REJECTIONS = 10;

/** Numbers typed or pasted, one per line. */
export function AddOptOutsForm() {
  const { t } = useI18n();
  const submitAndRefresh = useSubmitAndRefresh();
  const [text, setText] = useState('');
  const [result, setResult] = useState<(AddResult & { lines: string[] }) | null>(null);
  const add = trpc.optOuts.add.useMutation();
  const phones = parseOptOutLines(text);

  const submit = async () => {
    if (phones.length === 0) return;
    setResult(null);
    await submitAndRefresh(async () => {
      const total: AddResult = { added: 0, invalid: 0, rejected: [] };
      for (const [n, batch] of chunks(phones, OPT_OUT_BATCH).entries()) {
        const answer = await add.mutateAsync({ phones: batch });
        total.added += answer.added;
        total.invalid += answer.invalid;
        total.rejected.push(...answer.rejected.map((r) => ({ ...r, index: r.index + n * OPT_OUT_BATCH })));
      }
      setResult({ ...total, lines: phones });
      setText('');
    });
  };

  return (
    <OptOutFormCard
      titleId="opt-outs-add-title"
      title={t('optOuts.add.title')}
      onSubmit={submit}
      error={add.error}
      report={
        result && (
          <OptOutsReport
            warn={result.invalid > 0}
            testId="opt-outs-add-result"
            onClose={() => setResult(null)}
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
                    <bdi dir="ltr">{r.value}</bdi> (<bdi>{r.reason}</bdi>)
                  </List.Item>
                ))}
              </List>
            )}
          </OptOutsReport>
        )
      }
      submitLabel={t('optOuts.add.submit')}
      submitIcon={<IconBan size={16} aria-hidden />}
      pending={add.isPending}
      empty={phones.length === 0}
    >
      <LinesTextarea
        label={t('optOuts.add.label')}
        description={t('optOuts.add.hint')}
        placeholder={t('optOuts.add.placeholder')}
        maxRows={10}
        dir="ltr"
        value={text}
        onChange={setText}
      />
    </OptOutFormCard>
  );
}
