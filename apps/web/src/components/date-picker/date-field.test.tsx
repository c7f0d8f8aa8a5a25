import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { DateField } from './date-field';
import { DateTimeField } from './date-time-field';

function Day({ seen, initial = '' }: { seen: string[]; initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <DateField
      label="From"
      clearable
      value={value}
      onChange={(day) => {
        seen.push(day);
        setValue(day);
      }}
    />
  );
}

describe('DateField', () => {
  it('in Persian: shows the Jalali day in Persian digits and answers the Gregorian day typed', () => {
    const seen: string[] = [];
    renderWithProviders(<Day seen={seen} initial="2026-12-04" />, { language: 'fa' });
    const input = screen.getByRole('textbox', { name: 'From' }) as HTMLInputElement;
    expect(input.type).toBe('text');
    expect(input.value).toBe('۱۴۰۵/۰۹/۱۳');
    // Latin digits typed show as Persian ones.
    fireEvent.change(input, { target: { value: '1405/10/1' } });
    expect(input.value).toBe('۱۴۰۵/۱۰/۱');
    expect(seen).toEqual(['2026-12-22']);
    // Not a day: waits in the field, told how to write it once the field is left.
    fireEvent.change(input, { target: { value: '۱۴۰۵/۱۳' } });
    fireEvent.blur(input);
    expect(screen.getByText(/روز را به شکل سال\/ماه\/روز بنویسید/)).toBeTruthy();
    expect(seen).toEqual(['2026-12-22']);
    fireEvent.click(screen.getByRole('button', { name: 'پاک کردن روز' }));
    expect(seen).toEqual(['2026-12-22', '']);
    expect(input.value).toBe('');
  });

  it('picks a day from a Jalali month that starts its weeks on Saturday', async () => {
    const seen: string[] = [];
    renderWithProviders(<Day seen={seen} initial="2026-12-04" />, { language: 'fa' });
    fireEvent.click(screen.getByRole('button', { name: 'انتخاب روز از تقویم' }));
    // happy-dom lays nothing out, so Mantine takes the field for scrolled away and hides
    // the dropdown (display: none): its contents are found with `hidden: true`.
    const dialog = await screen.findByRole('dialog', { hidden: true });
    // Month names come from Intl (the order of month and year is ICU's).
    expect(within(dialog).getByText(/آذر/).textContent).toContain('۱۴۰۵');
    const weekdays = [...dialog.querySelectorAll('th')].map((th) => th.getAttribute('abbr'));
    expect(weekdays[0]).toBe('شنبه');
    expect(weekdays[6]).toBe('جمعه');
    expect(dialog.querySelector('[aria-pressed="true"]')?.textContent).toBe('۱۳');
    fireEvent.click(within(dialog).getByRole('button', { name: 'ماه بعد', hidden: true }));
    expect(within(dialog).getByText(/دی/).textContent).toContain('۱۴۰۵');
    const seventh = within(dialog)
      .getAllByRole('button', { hidden: true })
      .find((b) => b.textContent === '۷');
    expect(seventh?.getAttribute('aria-label')).toMatch(/دوشنبه/); // 7 Dey 1405 is a Monday
    fireEvent.click(seventh!);
    expect(seen).toEqual(['2026-12-28']);
    expect((screen.getByRole('textbox', { name: 'From' }) as HTMLInputElement).value).toBe('۱۴۰۵/۱۰/۰۷');
  });

  it('in English: the Gregorian calendar, ISO days', () => {
    const seen: string[] = [];
    renderWithProviders(<Day seen={seen} />, { language: 'en' });
    const input = screen.getByRole('textbox', { name: 'From' }) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '2026-12-04' } });
    expect(seen).toEqual(['2026-12-04']);
  });
});

function Moment({ seen }: { seen: string[] }) {
  const [value, setValue] = useState('2026-12-04T09:00');
  return (
    <DateTimeField
      label="زمان آغاز"
      value={value}
      onChange={(next) => {
        seen.push(next);
        setValue(next);
      }}
    />
  );
}

describe('DateTimeField', () => {
  it('gives the local day and time typed in Persian digits as one datetime-local value', () => {
    const seen: string[] = [];
    renderWithProviders(<Moment seen={seen} />, { language: 'fa' });
    const time = screen.getByRole('textbox', { name: 'ساعت' }) as HTMLInputElement;
    expect(time.value).toBe('۰۹:۰۰');
    fireEvent.change(time, { target: { value: '۱۴:۳۰' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'روز' }), { target: { value: '۱۴۰۵/۰۹/۱۴' } });
    fireEvent.change(time, { target: { value: '۱۴:' } });
    expect(seen).toEqual(['2026-12-04T14:30', '2026-12-05T14:30', '']);
  });
});
