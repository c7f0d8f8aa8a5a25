import { Code, Table, Text } from '@mantine/core';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n-provider';
import type { Language } from '../i18n/language';

/**
 * Each line: an example in the reader's language (Persian words in Persian help; `{{نام}}`
 * is the name too), and what it does. Kept out of the dictionaries: `{{…}}` is not a
 * dictionary placeholder.
 */
const EXAMPLES: Record<Language, string[]> = {
  en: ['{{name}}', '{{city}}', '{{name|customer}}', '{Hi|Hello|Good day}', '*bold* _italic_ ~strike~'],
  fa: ['{{نام}}', '{{شهر}}', '{{نام|مشتری گرامی}}', '{سلام|درود|وقت بخیر}', '*پررنگ* _کج_ ~خط‌خورده~'],
};
const MEANINGS: MessageKey[] = [
  'templateHelp.name',
  'templateHelp.column',
  'templateHelp.fallback',
  'templateHelp.variants',
  'templateHelp.formatting',
];

/** The message syntax at a glance. */
export function TemplateHelp() {
  const { t, language } = useI18n();
  return (
    <section aria-labelledby="template-help-title">
      <Text size="sm" fw={600} id="template-help-title" mb={4}>
        {t('templateHelp.title')}
      </Text>
      <Table fz="sm" verticalSpacing={2} withRowBorders={false} aria-labelledby="template-help-title">
        <Table.Tbody>
          {MEANINGS.map((key, i) => (
            <Table.Tr key={key}>
              <Table.Td w={1} style={{ whiteSpace: 'nowrap' }}>
                {/* The example's own direction: braces and bars stay in place around Persian words. */}
                <Code dir="auto">{EXAMPLES[language][i]}</Code>
              </Table.Td>
              <Table.Td c="dimmed">{t(key)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
