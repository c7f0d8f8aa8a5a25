import { Button, Collapse, Stack, Switch, Text } from '@mantine/core';
import { IconChevronDown, IconShieldCheck } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { fieldError } from '../components/form-errors';
import { IntegerInput } from '../components/integer-input';
import { useT } from '../i18n/i18n-provider';

export interface Pacing {
  /** A longer pause after every this many messages; 0 = never. */
  batchSize: number;
  batchPauseSeconds: number;
  /** Show "typing…" before each message. */
  typing: boolean;
}

/** The server's defaults, which suit most numbers. */
export const DEFAULT_PACING: Pacing = { batchSize: 25, batchPauseSeconds: 90, typing: false };

export const PACING_FIELDS = ['batchSize', 'batchPauseSeconds', 'typing'] as const;

/** "Advanced: safe pacing", folded away unless opened or holding an error. */
export function PacingFields({
  value,
  onChange,
  errors = {},
}: {
  value: Pacing;
  onChange(value: Pacing): void;
  errors?: Partial<Record<(typeof PACING_FIELDS)[number], string>>;
}) {
  const t = useT();
  const panelId = useId();
  const [toggled, setToggled] = useState(false);
  const opened = toggled || Object.values(errors).some(Boolean);
  return (
    <div>
      <Button
        variant="subtle"
        size="compact-sm"
        px={0}
        leftSection={<IconShieldCheck size={16} aria-hidden />}
        rightSection={
          <IconChevronDown
            size={14}
            aria-hidden
            style={{ transform: opened ? 'rotate(180deg)' : undefined, transition: 'transform 150ms' }}
          />
        }
        aria-expanded={opened}
        aria-controls={panelId}
        onClick={() => setToggled((o) => !o)}
      >
        {t('pacing.toggle')}
      </Button>
      <Collapse in={opened} id={panelId}>
        <Stack gap="sm" pt="xs">
          <Text size="sm" c="dimmed">
            {t('pacing.hint')}
          </Text>
          <IntegerInput
            label={t('pacing.batchSize')}
            description={t('pacing.batchSizeHint')}
            min={0}
            max={1000}
            maw={320}
            value={value.batchSize}
            onChange={(v) => onChange({ ...value, batchSize: v })}
            error={fieldError(errors.batchSize)}
          />
          <IntegerInput
            label={t('pacing.batchPause')}
            description={t('pacing.batchPauseHint')}
            min={0}
            max={3600}
            maw={320}
            disabled={value.batchSize === 0}
            value={value.batchPauseSeconds}
            onChange={(v) => onChange({ ...value, batchPauseSeconds: v })}
            error={fieldError(errors.batchPauseSeconds)}
          />
          <Switch
            label={t('pacing.typing')}
            description={t('pacing.typingHint')}
            checked={value.typing}
            onChange={(e) => onChange({ ...value, typing: e.currentTarget.checked })}
            error={fieldError(errors.typing)}
          />
        </Stack>
      </Collapse>
    </div>
  );
}
