// @vitest-environment node
import { describe, it } from 'vitest';
import { setUpBrowserSession } from './support/browser';
import { FIRST_CAMPAIGN_ENV, firstCampaign } from './support/first-campaign';

/** A new user's first campaign in English, through the built SPA in a real Chromium. */

const session = setUpBrowserSession({ failureScreenshot: 'first-campaign-en.png', env: FIRST_CAMPAIGN_ENV });

describe('first campaign, in English', () => {
  it('registers, links a sandbox account, goes through the wizard and watches the campaign complete', async ({
    onTestFailed,
  }) => {
    onTestFailed(session.reportFailure);
    await firstCampaign(session, {
      language: 'en',
      userName: 'Sara Ahmadi',
      accountLabel: 'Shop phone',
      title: 'Autumn sale',
      message: 'Hi {{name}}, our autumn sale is on: 20% off everything until Friday!',
      recipients: [
        ['0912 333 0001', '+989123330001', 'Oliver Brown'],
        ['0935 111 2201', '+989351112201', 'Amelia Clark'],
        ['0912 444 5502', '+989124445502', 'Harry Evans'],
        ['+98 936 222 3303', '+989362223303', 'Isla Foster'],
        ['0919 555 6604', '+989195556604', 'Jack Green'],
        ['0921 888 7705', '+989218887705', 'Emily Hughes'],
        ['0990 123 9906', '+989901239906', 'Noah Jones'],
        ['0938 246 8007', '+989382468007', 'Ava King'],
        ['0917 135 7908', '+989171357908', 'Leo Morris'],
        ['0901 765 4321', '+989017654321', 'Grace Baker'],
      ],
      others: { ready: 'Loyalty club invite', scheduled: 'Black Friday teaser', draft: 'Winter newsletter' },
    });
  }, 240_000);
});
