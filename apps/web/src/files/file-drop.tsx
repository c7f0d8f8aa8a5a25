import { Box, FileInput, type FileInputProps, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useT } from '../i18n/i18n-provider';

interface FileDropProps extends Omit<FileInputProps, 'value' | 'onChange' | 'multiple'> {
  value: File | null;
  onChange(file: File | null): void;
}

/**
 * A labelled file picker that also takes a file dropped on it. `accept` only helps the
 * picker: the server decides what a file is by its content.
 */
export function FileDrop({ value, onChange, disabled, ...input }: FileDropProps) {
  const t = useT();
  const [over, setOver] = useState(false);
  const onDragOver = (event: DragEvent) => {
    if (disabled || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    if (disabled) return;
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onChange(file);
  };
  return (
    <Box
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      p="sm"
      style={{
        border: `1px dashed var(--mantine-color-${over ? 'teal-6' : 'gray-4'})`,
        borderRadius: 'var(--mantine-radius-md)',
        background: over ? 'var(--mantine-color-teal-light)' : undefined,
      }}
    >
      <FileInput
        {...input}
        disabled={disabled}
        value={value}
        onChange={onChange}
        clearable
        clearButtonProps={{ 'aria-label': t('files.clear') }}
        leftSection={<IconUpload size={16} aria-hidden />}
        placeholder={input.placeholder ?? t('files.choose')}
      />
      <Text size="xs" c="dimmed" mt={4}>
        {t('files.dropHint')}
      </Text>
    </Box>
  );
}
