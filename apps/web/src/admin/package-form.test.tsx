import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../test/api';
import { renderWithProviders } from '../../test/render';
import { PackageForm, type PackageInput, packageValues, toPackageInput } from './package-form';

describe('toPackageInput', () => {
  it('reads Persian digits and separators in the price and trims the text', () => {
    const result = toPackageInput({
      ...packageValues(null),
      title: '  طلایی ',
      price: '۴۹۰٬۰۰۰',
      category: ' ',
    });
    expect(result.input).toEqual({
      title: 'طلایی',
      description: null,
      category: null,
      price: '490000',
      duration: 30,
      messageLimit: 1000,
      status: 'ACTIVE',
    });
  });

  it('names every field that is wrong', () => {
    const result = toPackageInput({
      ...packageValues(null),
      title: '',
      price: '1.234',
      duration: 0,
      messageLimit: '',
    });
    expect(result.problems).toEqual({
      title: 'admin.package.titleRequired',
      price: 'admin.package.priceInvalid',
      duration: 'admin.package.durationInvalid',
      messageLimit: 'admin.package.messagesInvalid',
    });
  });
});

describe('PackageForm', () => {
  it('in Persian: names the currency and shows every number in Persian digits, as typed too', () => {
    const sent: PackageInput[] = [];
    renderWithProviders(
      <PackageForm
        initial={null}
        currency="IRT"
        pending={false}
        error={null}
        onSubmit={(input) => sent.push(input)}
        onCancel={() => {}}
      />,
      { language: 'fa' },
    );
    const price = screen.getByRole('textbox', { name: /قیمت \(تومان\)/ }) as HTMLInputElement;
    const days = screen.getByRole('textbox', { name: /مدت/ }) as HTMLInputElement;
    expect(days.value).toBe('۳۰');
    fireEvent.change(price, { target: { value: '490000' } });
    expect(price.value).toBe('۴۹۰۰۰۰');
    fireEvent.change(days, { target: { value: '90' } });
    expect(days.value).toBe('۹۰');
    fireEvent.change(screen.getByRole('textbox', { name: /عنوان/ }), { target: { value: 'طلایی' } });
    fireEvent.click(screen.getByRole('button', { name: 'ذخیره' }));
    expect(sent).toEqual([expect.objectContaining({ price: '490000', duration: 90, messageLimit: 1000 })]);
  });

  it('submits an edit as inactive when taken off sale', () => {
    const sent: PackageInput[] = [];
    renderWithProviders(
      <PackageForm
        initial={{
          id: 3,
          title: 'Gold',
          description: null,
          price: '490000.00',
          duration: 30,
          category: null,
          status: 'ACTIVE',
          messageLimit: 5000,
        }}
        pending={false}
        error={null}
        onSubmit={(input) => sent.push(input)}
        onCancel={() => {}}
      />,
      { language: 'en' },
    );
    fireEvent.click(screen.getByRole('switch', { name: 'On sale' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(sent).toEqual([
      expect.objectContaining({ title: 'Gold', price: '490000.00', status: 'INACTIVE' }),
    ]);
  });

  it('shows the server’s message beside the field it names', () => {
    renderWithProviders(
      <PackageForm
        initial={null}
        pending={false}
        error={apiError('A package with this title exists.', 'CONFLICT', 'title')}
        onSubmit={() => {}}
        onCancel={() => {}}
      />,
      { language: 'en' },
    );
    const title = screen.getByRole('textbox', { name: /Title/ });
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('A package with this title exists.')).toBeTruthy();
  });
});
