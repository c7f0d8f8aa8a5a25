// @vitest-environment node
import { describe, it } from 'vitest';
import { setUpBrowserSession } from './support/browser';
import { FIRST_CAMPAIGN_ENV, firstCampaign } from './support/first-campaign';

/** A new user's first campaign in Persian (right-to-left), through the built SPA in a real Chromium. */

// A Persian speaker's browser, so its own widgets (the date pickers) speak Persian too.
const session = setUpBrowserSession({
  failureScreenshot: 'first-campaign-fa.png',
  env: FIRST_CAMPAIGN_ENV,
  locale: 'fa-IR',
});

describe('first campaign, in Persian', () => {
  it('registers, links a sandbox account, goes through the wizard and watches the campaign complete', async ({
    onTestFailed,
  }) => {
    onTestFailed(session.reportFailure);
    await firstCampaign(session, {
      language: 'fa',
      userName: 'سارا احمدی',
      accountLabel: 'گوشی فروشگاه',
      title: 'حراج پاییزه',
      message: 'سلام {{name}}، حراج پاییزه شروع شد: ۲۰٪ تخفیف روی همه چیز تا جمعه!',
      recipients: [
        ['۰۹۱۲ ۳۳۳ ۰۰۰۱', '+989123330001', 'علی رضایی'],
        ['0935 111 2201', '+989351112201', 'مریم کریمی'],
        ['0912 444 5502', '+989124445502', 'رضا محمدی'],
        ['+98 936 222 3303', '+989362223303', 'زهرا حسینی'],
        ['0919 555 6604', '+989195556604', 'احمد موسوی'],
        ['0921 888 7705', '+989218887705', 'فاطمه جعفری'],
        ['0990 123 9906', '+989901239906', 'حسین صادقی'],
        ['0938 246 8007', '+989382468007', 'نازنین احمدی'],
        ['0917 135 7908', '+989171357908', 'سارا نوری'],
        ['0901 765 4321', '+989017654321', 'بهاره رحیمی'],
      ],
      others: { ready: 'دعوت باشگاه مشتریان', scheduled: 'پیش‌نمایش جمعه سیاه', draft: 'خبرنامه زمستان' },
    });
  }, 240_000);
});
