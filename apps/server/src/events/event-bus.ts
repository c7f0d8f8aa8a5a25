import { EventEmitter } from 'node:events';
import type { EventBus } from '@chapar/api';

/**
 * Events within one process. Several server processes would swap this for a Redis
 * pub/sub bus with the same interface; subscribers only ever see whole snapshots.
 */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  private seq = 1;

  constructor() {
    // One listener per open subscription; thousands are normal.
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, data: unknown): void {
    this.emitter.emit(topic, data, this.seq++);
  }

  subscribe(topic: string, handler: (data: unknown, seq: number) => void): () => void {
    this.emitter.on(topic, handler);
    return () => {
      this.emitter.off(topic, handler);
    };
  }

  nextSeq(): number {
    return this.seq;
  }
}
