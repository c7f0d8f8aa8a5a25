import { Code, Table, Text } from '@mantine/core';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n-provider';

const SYNTAX: Array<[string, MessageKey]> = [
  ['{{name}}', 'templateHelp.name'],
  ['{{city}}', 'templateHelp.column'],
  ['{{name|customer}}', 'templateHelp.fallback'],
  ['{Hello|Hi|Salam}', 'templateHelp.variants'],
  ['*bold* _italic_ ~strike~', 'templateHelp.formatting'],
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
                <Code dir="ltr">{code}</Code>
              </Table.Td>
              <Table.Td c="dimmed">{t(key)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
