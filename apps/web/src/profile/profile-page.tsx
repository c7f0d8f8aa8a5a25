import { isCountryCode } from '@chapar/domain';
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useUser } from '../auth/user-context';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { notifySuccess } from '../components/notify';
import { ltr } from '../i18n/bidi';
import { useI18n } from '../i18n/i18n-provider';
import { isLanguage, LANGUAGES, type Language } from '../i18n/language';
import { NATIVE_NAMES } from '../i18n/language-switch';
import { formErrors } from '../trpc/errors';
import { trpc } from '../trpc/trpc';
import { COMMON_COUNTRIES, countryName, isCommonCountry } from './countries';

const FIELDS = ['name', 'locale', 'defaultCountry'] as const;
const OTHER = 'other';

/** The profile section of the settings: name, interface language and the country assumed for numbers written without a country code. */
export function ProfilePage() {
  const { t, language, setLanguage, locale } = useI18n();
  const user = useUser();
  const utils = trpc.useUtils();
  const [name, setName] = useState(user.name);
  const [lang, setLang] = useState<Language>(language);
  const [choice, setChoice] = useState(isCommonCountry(user.defaultCountry) ? user.defaultCountry : OTHER);
  const [otherCode, setOtherCode] = useState(isCommonCountry(user.defaultCountry) ? '' : user.defaultCountry);
  const update = trpc.auth.updateProfile.useMutation({
    onSuccess: (updated) => {
      utils.auth.me.setData(undefined, updated);
      if (isLanguage(updated.locale)) setLanguage(updated.locale);
      notifySuccess(t('profile.saved'));
    },
  });
  const errors = formErrors(update.error, FIELDS, t('errors.offline'));

  const country = (choice === OTHER ? otherCode : choice).trim().toUpperCase();
  const countryValid = isCountryCode(country);
  const countryError =
    errors.fields.defaultCountry ??
    (choice === OTHER && otherCode.trim() !== '' && !countryValid ? t('profile.country.invalid') : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!countryValid) return;
    update.mutate({ name: name.trim(), locale: lang, defaultCountry: country });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="profile-title">
      <form onSubmit={submit} aria-labelledby="profile-title" noValidate>
        <Stack>
          <Title order={2} size="h4" id="profile-title">
            {t('profile.title')}
          </Title>
          <FormErrorAlert message={errors.general} />
          <Text size="sm" c="dimmed">
            {t('profile.account', { email: ltr(user.email) })}
          </Text>
          <TextInput
            label={t('profile.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(errors.fields.name)}
          />
          <NativeSelect
            label={t('language.label')}
            description={t('profile.languageHint')}
            value={lang}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isLanguage(value)) setLang(value);
            }}
            data={LANGUAGES.map((value) => ({ value, label: NATIVE_NAMES[value] }))}
            error={fieldError(errors.fields.locale)}
          />
          <NativeSelect
            label={t('profile.country')}
            description={t('profile.countryHint')}
            value={choice}
            onChange={(e) => setChoice(e.currentTarget.value)}
            data={[
              ...COMMON_COUNTRIES.map((code) => ({
                value: code,
                label: `${countryName(code, locale)} (${code})`,
              })),
              { value: OTHER, label: t('profile.country.other') },
            ]}
            error={choice !== OTHER && fieldError(countryError)}
          />
          {choice === OTHER && (
            <TextInput
              label={t('profile.country.code')}
              description={countryValid ? countryName(country, locale) : t('profile.country.codeHint')}
              value={otherCode}
              onChange={(e) => setOtherCode(e.currentTarget.value.replace(/[^a-z]/gi, '').toUpperCase())}
              maxLength={2}
              dir="ltr"
              w={160}
              required
              error={fieldError(countryError)}
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!countryValid || name.trim() === ''}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
