import { toAsciiDigits } from '@chapar/domain';
import { Button, Group, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormErrorAlert, fieldError } from '../components/form-errors';
import { localeDigits, parseLocaleInteger } from '../i18n/digits';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n-provider';
import type { RouterInputs } from '../trpc/trpc';
import { adminFormErrors } from './admin-errors';
import type { AdminPackage } from './types';

export type PackageInput = RouterInputs['admin']['packages']['create'];

export interface PackageValues {
  title: string;
  description: string;
  category: string;
  price: string;
  /** As typed (any digits), or a number. */
  duration: number | string;
  messageLimit: number | string;
  active: boolean;
}

const wholeNumber = (value: number | string) =>
  typeof value === 'number' ? value : parseLocaleInteger(value);

const FIELDS = ['title', 'description', 'category', 'price', 'duration', 'messageLimit'] as const;
type Field = (typeof FIELDS)[number];

export function packageValues(pkg: AdminPackage | null): PackageValues {
  return pkg
    ? {
        title: pkg.title,
        description: pkg.description ?? '',
        category: pkg.category ?? '',
        price: pkg.price,
        duration: pkg.duration,
        messageLimit: pkg.messageLimit,
        active: pkg.status === 'ACTIVE',
      }
    : { title: '', description: '', category: '', price: '', duration: 30, messageLimit: 1000, active: true };
}

/** The form's values as the API takes them, or the problems to show by field. */
export function toPackageInput(
  values: PackageValues,
):
  | { input: PackageInput; problems?: never }
  | { input?: never; problems: Partial<Record<Field, MessageKey>> } {
  const problems: Partial<Record<Field, MessageKey>> = {};
  const price = toAsciiDigits(values.price).trim().replace(/[,٬]/g, '');
  if (values.title.trim() === '') problems.title = 'admin.package.titleRequired';
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(price)) problems.price = 'admin.package.priceInvalid';
  const duration = wholeNumber(values.duration);
  const messageLimit = wholeNumber(values.messageLimit);
  if (duration === null || !Number.isInteger(duration) || duration < 1 || duration > 3650)
    problems.duration = 'admin.package.durationInvalid';
  if (
    messageLimit === null ||
    !Number.isInteger(messageLimit) ||
    messageLimit < 0 ||
    messageLimit > 100_000_000
  )
    problems.messageLimit = 'admin.package.messagesInvalid';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    input: {
      title: values.title.trim(),
      description: values.description.trim() || null,
      category: values.category.trim() || null,
      price,
      duration: duration as number,
      messageLimit: messageLimit as number,
      status: values.active ? 'ACTIVE' : 'INACTIVE',
    },
  };
}

/**
 * Create or edit a package; the server's refusals appear beside the field they concern.
 * Numbers show in the reader's digits as they are typed; the price names its currency.
 */
export function PackageForm({
  initial,
  currency,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: AdminPackage | null;
  /** `IRT` or `IRR` (the server's PAYMENT_CURRENCY); unknown while loading. */
  currency?: string | undefined;
  pending: boolean;
  error: unknown;
  onSubmit(input: PackageInput): void;
  onCancel(): void;
}) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const [values, setValues] = useState(() => {
    const start = packageValues(initial);
    const digits = (v: number | string) => localeDigits(String(v), language);
    return {
      ...start,
      price: digits(start.price),
      duration: digits(start.duration),
      messageLimit: digits(start.messageLimit),
    };
  });
  const [problems, setProblems] = useState<Partial<Record<Field, MessageKey>>>({});
  const server = adminFormErrors(i18n, error, FIELDS);
  const errorOf = (field: Field) => (problems[field] ? t(problems[field]) : fieldError(server.fields[field]));
  const set = <K extends keyof PackageValues>(key: K, value: PackageValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const result = toPackageInput(values);
        setProblems(result.problems ?? {});
        if (result.input) onSubmit(result.input);
      }}
    >
      <Stack>
        <TextInput
          label={t('admin.package.title')}
          value={values.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errorOf('title')}
          required
          maxLength={255}
        />
        <Textarea
          label={t('admin.package.description')}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errorOf('description')}
          autosize
          minRows={2}
        />
        <TextInput
          label={t('admin.package.category')}
          value={values.category}
          onChange={(e) => set('category', e.currentTarget.value)}
          error={errorOf('category')}
          maxLength={255}
        />
        <Group grow align="flex-start">
          <TextInput
            label={
              currency === 'IRT' || currency === 'IRR'
                ? t('admin.package.priceIn', { currency: t(`billing.currency.${currency}`) })
                : t('admin.package.price')
            }
            description={t('admin.package.priceHint')}
            value={values.price}
            onChange={(e) => set('price', localeDigits(e.currentTarget.value, language))}
            error={errorOf('price')}
            inputMode="decimal"
            required
          />
          <TextInput
            label={t('admin.package.duration')}
            value={values.duration}
            onChange={(e) => set('duration', localeDigits(e.currentTarget.value, language))}
            error={errorOf('duration')}
            inputMode="numeric"
            required
          />
          <TextInput
            label={t('admin.package.messageLimit')}
            value={values.messageLimit}
            onChange={(e) => set('messageLimit', localeDigits(e.currentTarget.value, language))}
            error={errorOf('messageLimit')}
            inputMode="numeric"
            required
          />
        </Group>
        <Switch
          label={t('admin.package.onSale')}
          checked={values.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        <FormErrorAlert message={server.general} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
