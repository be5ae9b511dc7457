import type { RedactionScope } from '../guard-types.js';
import type { VaultEntry, VaultStore } from './vault-store.js';

interface Conversation {
  byPlaceholder: Map<string, VaultEntry>;
  byFingerprint: Map<string, VaultEntry>;
  counters: Map<string, number>;
  expiresAt: number;
}

/**
 * A process-local `VaultStore` for one gateway replica or the library. Entries
 * expire after their TTL; a conversation is swept on access and, to bound
 * memory, whole expired conversations are dropped every `sweepEvery` writes.
 */
export class InMemoryVaultStore implements VaultStore {
  private readonly conversations = new Map<string, Conversation>();
  private writes = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sweepEvery = 1024,
  ) {}

  private conversation(scope: RedactionScope, create: boolean): Conversation | undefined {
    const key = `${scope.tenant}\u0000${scope.conversation}`;
    let conversation = this.conversations.get(key);
    if (conversation && conversation.expiresAt <= this.now()) {
      this.conversations.delete(key);
      conversation = undefined;
    }
    if (!conversation && create) {
      conversation = {
        byPlaceholder: new Map(),
        byFingerprint: new Map(),
        counters: new Map(),
        // Counters live at least a minute even before the first entry is stored.
        expiresAt: this.now() + 60_000,
      };
      this.conversations.set(key, conversation);
    }
    return conversation;
  }

  private live(entry: VaultEntry | undefined): VaultEntry | undefined {
    return entry && entry.expiresAt > this.now() ? entry : undefined;
  }

  get(scope: RedactionScope, placeholder: string): VaultEntry | undefined {
    return this.live(this.conversation(scope, false)?.byPlaceholder.get(placeholder));
  }

  findByFingerprint(scope: RedactionScope, fingerprint: string): VaultEntry | undefined {
    return this.live(this.conversation(scope, false)?.byFingerprint.get(fingerprint));
  }

  put(scope: RedactionScope, entry: VaultEntry): void {
    const conversation = this.conversation(scope, true) as Conversation;
    conversation.byPlaceholder.set(entry.placeholder, entry);
    conversation.byFingerprint.set(entry.fingerprint, entry);
    conversation.expiresAt = Math.max(conversation.expiresAt, entry.expiresAt);
    if (++this.writes % this.sweepEvery === 0) this.sweep();
  }

  nextIndex(scope: RedactionScope, label: string): number {
    const conversation = this.conversation(scope, true) as Conversation;
    const next = (conversation.counters.get(label) ?? 0) + 1;
    conversation.counters.set(label, next);
    return next;
  }

  /** Drops every expired conversation. */
  sweep(): void {
    const now = this.now();
    for (const [key, conversation] of this.conversations) {
      if (conversation.expiresAt <= now) this.conversations.delete(key);
    }
  }
}
