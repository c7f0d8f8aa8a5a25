// The whatsapp-web.js driver; the implementation lives in `./wwebjs/`, split by concern.

// The engine tells these apart with instanceof, so they are the interface's own classes.
export { NotOnWhatsAppError, NotSentError, UnknownSendOutcomeError } from './driver';
export type {
  BrowserLike,
  ChatLike,
  ClientLike,
  FrameLike,
  MessageLike,
  WidLike,
  WwebjsClientOptions,
} from './wwebjs/client-like';
export { WwebjsDriver } from './wwebjs/driver';
export type { DriverLog, WwebjsDriverOptions, WwebjsOutgoingMessage } from './wwebjs/driver-options';
export {
  describeDisconnect,
  describeStartFailure,
  toError,
  type WwebjsFailureKind,
  type WwebjsStatusEvent,
} from './wwebjs/failures';
export { deleteWwebjsAuth, wwebjsAuthDir, wwebjsDir, wwebjsJournalPath } from './wwebjs/files';
export { mapAck } from './wwebjs/messages';
