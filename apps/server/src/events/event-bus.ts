import { EventEmitter } from 'node:events';
import type { EventBus } from '@chapar/api';

/**
 * Events within one process (role `all` without Redis). With several processes the
 * Redis bus (redis-bus.ts) takes its place behind the same interface.
 */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open subscription; thousands are normal.
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, data: unknown): void {
    this.emitter.emit(topic, data);
  }

  subscribe(topic: string, handler: (data: unknown) => void): () => void {
    this.emitter.on(topic, handler);
    return () => {
      this.emitter.off(topic, handler);
    };
  }
}
