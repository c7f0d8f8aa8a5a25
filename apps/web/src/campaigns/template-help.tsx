import { Code, Table, Text } from '@mantine/core';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n-provider';

/** Each line: an example in the reader's language (Persian names and words in Persian), and what it does. */
const SYNTAX: Array<[MessageKey, MessageKey]> = [
  ['templateHelp.code.name', 'templateHelp.name'],
  ['templateHelp.code.column', 'templateHelp.column'],
  ['templateHelp.code.fallback', 'templateHelp.fallback'],
  ['templateHelp.code.variants', 'templateHelp.variants'],
  ['templateHelp.code.formatting', 'templateHelp.formatting'],
];

/** The message syntax at a glance. */
export function TemplateHelp() {
  const t = useT();
  return (
    <section aria-labelledby="template-help-title">
      <Text size="sm" fw={600} id="template-help-title" mb={4}>
        {t('templateHelp.title')}
      </Text>
      <Table fz="sm" verticalSpacing={2} withRowBorders={false} aria-labelledby="template-help-title">
        <Table.Tbody>
          {SYNTAX.map(([code, key]) => (
            <Table.Tr key={code}>
              <Table.Td w={1} style={{ whiteSpace: 'nowrap' }}>
                {/* The example's own direction: braces and bars stay in place around Persian words. */}
                <Code dir="auto">{t(code)}</Code>
              </Table.Td>
              <Table.Td c="dimmed">{t(key)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
