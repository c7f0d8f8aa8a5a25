import { Group, Kbd, Modal, Table } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';
import { modKeyName, SHORTCUTS } from './shortcuts';

/** Every keyboard shortcut, as the help dialog (`?`) lists them. */
export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const t = useT();
  const mod = modKeyName(typeof navigator === 'undefined' ? '' : navigator.platform);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('shortcuts.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('shortcuts.keys')}</Table.Th>
            <Table.Th>{t('shortcuts.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((shortcut) => (
            <Table.Tr key={`${shortcut.mod}${shortcut.code}`}>
              <Table.Td>
                {/* Keys read left to right in both languages. */}
                <Group gap={4} dir="ltr" wrap="nowrap" justify="flex-start">
                  {shortcut.mod && <Kbd>{mod}</Kbd>}
                  {shortcut.mod && '+'}
                  <Kbd>{shortcut.key}</Kbd>
                </Group>
              </Table.Td>
              <Table.Td>{t(shortcut.label)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
