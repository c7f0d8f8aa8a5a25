import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp } from './support/users';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

type Issue = { path: Array<string | number>; code: string; message: string };

describe('a refused input', () => {
  it('says which field is wrong and how, in words rather than JSON', async () => {
    const { client } = await signUp(server);
    const tooLong = await errorOf(client.apiKeys.create.mutate({ name: 'k'.repeat(101) }));
    expect(tooLong.data.code).toBe('BAD_REQUEST');
    expect(tooLong.message).toBe('name: must be at most 100 characters');
    expect(tooLong.data).toMatchObject({
      reason: 'INVALID_INPUT',
      params: { path: 'name', issue: 'too_big', origin: 'string', maximum: 100, more: 0 },
    });
    // A schema's own message is kept as written.
    const empty = await errorOf(client.apiKeys.create.mutate({ name: ' ' }));
    expect(empty.message).toBe('name: Name the key.');
    const missing = await errorOf(client.apiKeys.create.mutate({} as { name: string }));
    expect(missing.message).toBe('name: is required');
  });

  it('counts the other problems and keeps every issue in error.data', async () => {
    const { client } = await signUp(server);
    const error = await errorOf(
      client.campaigns.addRecipients.mutate({
        campaignId: 1,
        recipients: [{ phone: '9'.repeat(65), name: 'n'.repeat(256) }, { phone: 5 as unknown as string }],
      }),
    );
    expect(error.message).toBe('recipients[0].phone: must be at most 64 characters (and 2 more problems)');
    const issues = error.data.zodIssues as Issue[];
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['recipients.0.phone', 'too_big'],
      ['recipients.0.name', 'too_big'],
      ['recipients.1.phone', 'invalid_type'],
    ]);
    // Zod's own words stay in the issues (and the flattened form) for the SPA to translate.
    expect(issues[0]!.message).toMatch(/^Too big: expected string to have <=64 characters$/);
    expect(error.data.zodError).toMatchObject({ fieldErrors: { recipients: expect.any(Array) } });
  });

  it('leaves refusals that are not about the input as they were', async () => {
    const { client } = await signUp(server);
    const error = await errorOf(client.campaigns.get.query({ id: 999_999 }));
    expect(error.message).toBe('Campaign not found.');
    expect(error.data.zodIssues).toBeNull();
    expect(error.data).toMatchObject({ reason: 'CAMPAIGN_NOT_FOUND', params: {} });
  });
});
