// Node 20 has no global WebSocket; the `ws` package fills in (Node 22+ and browsers use their own).
import WebSocket from 'ws';

export const WebSocketImpl = (globalThis.WebSocket ?? WebSocket) as unknown as typeof globalThis.WebSocket;
