import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n-provider';

export function NotFoundPage({ message }: { message?: string }) {
  const t = useT();
  return (
    <Stack align="flex-start">
      <Title order={1} size="h2">
        {t('notFound.title')}
      </Title>
      <Text c="dimmed">{message ?? t('notFound.body')}</Text>
      <Button component={Link} to="/campaigns" variant="light">
        {t('notFound.back')}
      </Button>
    </Stack>
  );
}
