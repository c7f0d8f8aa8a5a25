/**
 * What services and repositories throw when a request cannot be honoured. The base
 * procedure turns it into a TRPCError with the same code, so the message reaches the
 * person who made the request unchanged.
 */
export type ChaparErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  /** A provider we depend on (payment gateway, SMS, mail) failed or did not answer. */
  | 'BAD_GATEWAY'
  | 'TOO_MANY_REQUESTS';

export class ChaparError extends Error {
  constructor(
    readonly code: ChaparErrorCode,
    message: string,
    /** The input field the error is about, so a form can show it next to that field. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ChaparError';
  }
}

export const notFound = (what: string) => new ChaparError('NOT_FOUND', `${what} not found.`);
