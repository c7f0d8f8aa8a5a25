import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { Outlet } from 'react-router';
import { useT } from '../i18n/i18n-provider';
import { LanguageSwitch } from '../i18n/language-switch';

export function AuthLayout() {
  const t = useT();
  return (
    // A little darker than the card in both themes (Mantine sets `color-scheme`, so light-dark() follows it).
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))" p="md">
      <Group justify="flex-end">
        <LanguageSwitch />
      </Group>
      <Center mt="xl">
        <Stack w="100%" maw={420} gap="lg">
          <Stack gap={4} align="center">
            <Group gap="xs">
              <IconBrandWhatsapp size={32} color="var(--mantine-color-teal-6)" aria-hidden />
              <Title order={1} size="h2">
                {t('app.name')}
              </Title>
            </Group>
            <Text c="dimmed">{t('app.tagline')}</Text>
          </Stack>
          <Paper withBorder shadow="sm" p="xl">
            <Outlet />
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
