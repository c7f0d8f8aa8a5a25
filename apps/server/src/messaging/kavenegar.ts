import { z } from 'zod';
import { SmsError, type SmsSender } from './sms';

export interface KavenegarOptions {
  apiKey: string;
  /** Sender line for sms/send.json; unused when a template is set. */
  sender?: string;
  /** A verify template (`%token%`) approved in the panel: codes go through verify/lookup.json. */
  otpTemplate?: string;
  baseUrl: string;
  timeoutMs?: number;
}

/** Kavenegar's documented `return.status` codes other than 200. */
const STATUSES: Record<number, string> = {
  400: 'parameters are incomplete',
  401: 'the account is disabled',
  402: 'the operation failed',
  403: 'the API key is not valid',
  404: 'no such method',
  405: 'wrong HTTP method',
  406: 'required parameters are missing',
  407: 'no access to this information',
  409: 'the server cannot answer now',
  411: 'the receptor is not valid',
  412: 'the sender line is not valid',
  413: 'the message is empty or too long',
  414: 'too many receptors',
  415: 'the start index is out of range',
  416: 'the originating IP is not allowed',
  417: 'the send date is not valid',
  418: 'the account credit is too low',
  422: 'the data contains invalid characters',
  424: 'the template was not found',
  426: 'this method needs an advanced account',
  428: 'a voice call cannot carry this code',
  431: 'the code contains invalid characters',
  432: 'the template has no %token% parameter',
};

const zReply = z.object({
  return: z.object({ status: z.number(), message: z.string().optional() }),
  entries: z.unknown().optional(),
});

/** Kavenegar's REST API: `/v1/{API-KEY}/verify/lookup.json` or `/v1/{API-KEY}/sms/send.json`. */
export function createKavenegarSms(options: KavenegarOptions): SmsSender {
  const base = options.baseUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(method: string, params: Record<string, string>): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${base}/v1/${encodeURIComponent(options.apiKey)}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new SmsError(
        timedOut
          ? `Kavenegar did not answer within ${timeoutMs / 1000} s.`
          : 'Kavenegar could not be reached.',
        { cause: error },
      );
    }
    const text = await response.text().catch(() => '');
    let reply: z.infer<typeof zReply>;
    try {
      reply = zReply.parse(JSON.parse(text));
    } catch {
      throw new SmsError(`Kavenegar answered something unexpected (HTTP ${response.status}).`);
    }
    const status = reply.return.status;
    if (status !== 200) {
      throw new SmsError(`Kavenegar refused the message: ${STATUSES[status] ?? `status ${status}`}.`);
    }
  }

  return {
    sendCode(to, code) {
      // Kavenegar takes numbers as dialled in Iran (09…) or international without the plus.
      const receptor = to.startsWith('+98') ? `0${to.slice(3)}` : to.replace(/^\+/, '00');
      if (options.otpTemplate) {
        return call('verify/lookup.json', { receptor, token: code, template: options.otpTemplate });
      }
      return call('sms/send.json', {
        receptor,
        sender: options.sender ?? '',
        message: `Chapar code: ${code}\nکد چاپار: ${code}`,
      });
    },
  };
}
