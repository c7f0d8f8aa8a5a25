/** The date and time fields' strings (components/date-picker). */
export const datesEn = {
  'dateField.day': 'Day',
  'dateField.time': 'Time',
  'dateField.open': 'Choose the day on a calendar',
  'dateField.clear': 'Clear the day',
  'dateField.previousMonth': 'Previous month',
  'dateField.nextMonth': 'Next month',
  'dateField.today': 'Today',
  'dateField.invalidDay': 'Write the day as year-month-day, e.g. {example}.',
  'dateField.invalidTime': 'Write the time as hours:minutes, e.g. {example}.',
  'dateField.outOfRange': 'Choose a day between {min} and {max}.',
  'dateField.tooEarly': 'Choose {min} or a later day.',
  'dateField.tooLate': 'Choose {max} or an earlier day.',
};

export const datesFa: Record<keyof typeof datesEn, string> = {
  'dateField.day': 'روز',
  'dateField.time': 'ساعت',
  'dateField.open': 'انتخاب روز از تقویم',
  'dateField.clear': 'پاک کردن روز',
  'dateField.previousMonth': 'ماه قبل',
  'dateField.nextMonth': 'ماه بعد',
  'dateField.today': 'امروز',
  'dateField.invalidDay': 'روز را به شکل سال/ماه/روز بنویسید، مانند {example}.',
  'dateField.invalidTime': 'ساعت را به شکل ساعت:دقیقه بنویسید، مانند {example}.',
  'dateField.outOfRange': 'روزی میان {min} و {max} انتخاب کنید.',
  'dateField.tooEarly': '{min} یا روزی پس از آن را انتخاب کنید.',
  'dateField.tooLate': '{max} یا روزی پیش از آن را انتخاب کنید.',
};
