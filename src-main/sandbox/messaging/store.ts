/**
 * Direct messages between the sandbox's accounts and people outside it (fact sheet §13): conversations, their
 * messages, the private replies sent (one per comment), and when each account's seeded conversations began.
 */

export interface SandboxMessage {
  id: string;
  fromBusiness: boolean;
  /** Empty for a picture sent by link. */
  text: string;
  /** The https address a picture was sent from (`attachment` of type `image`). */
  imageUrl?: string;
  createdAt: number;
}

export interface SandboxConversation {
  id: string;
  /** The professional account (`1784…`) whose inbox this is. */
  businessId: string;
  /** The other person: an Instagram-scoped id and username. */
  personId: string;
  personUsername: string;
  /** Oldest first. */
  messages: SandboxMessage[];
}

/** Instagram's conversation and message ids are opaque base64 strings (`aWdf…`); these look the same. */
function opaqueId(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** What survives a restart: the conversations with their messages, private replies sent, and when seeding began. */
export interface MessagingSnapshot {
  conversations: SandboxConversation[];
  privateReplies: string[];
  seedStarts: Array<{ businessId: string; start: number }>;
}

export class MessagingStore {
  private readonly conversations = new Map<string, SandboxConversation>();
  private readonly messageIndex = new Map<string, { conversation: SandboxConversation; message: SandboxMessage }>();
  private readonly privateReplies = new Set<string>();
  private readonly seedStarts = new Map<string, number>();
  private sequence = 0;

  constructor(private readonly changed: () => void) {}

  reset(): void {
    this.conversations.clear();
    this.messageIndex.clear();
    this.privateReplies.clear();
    this.seedStarts.clear();
    this.sequence = 0;
  }

  snapshot(): MessagingSnapshot {
    return {
      conversations: [...this.conversations.values()].map((c) => ({ ...c, messages: c.messages.map((m) => ({ ...m })) })),
      privateReplies: [...this.privateReplies],
      seedStarts: [...this.seedStarts].map(([businessId, start]) => ({ businessId, start })),
    };
  }

  /** Replaces everything with a snapshot; conversations of accounts that are not known are dropped. */
  restore(snapshot: MessagingSnapshot, knownPerson: (igUserId: string) => boolean): void {
    this.reset();
    for (const saved of snapshot.conversations) {
      if (!knownPerson(saved.businessId)) continue;
      const conversation: SandboxConversation = { ...saved, messages: [] };
      this.conversations.set(conversation.id, conversation);
      for (const message of saved.messages) {
        conversation.messages.push({ ...message });
        this.messageIndex.set(message.id, { conversation, message: conversation.messages.at(-1)! });
      }
      this.sequence += saved.messages.length;
    }
    for (const commentId of snapshot.privateReplies) this.privateReplies.add(commentId);
    for (const { businessId, start } of snapshot.seedStarts) this.seedStarts.set(businessId, start);
  }

  /** The conversation between an account and a person, started when the first message goes either way. */
  conversationWith(businessId: string, person: { id: string; username: string }): SandboxConversation {
    const id = opaqueId(`ig_thread:${businessId}:${person.id}`);
    let conversation = this.conversations.get(id);
    if (!conversation) {
      conversation = { id, businessId, personId: person.id, personUsername: person.username, messages: [] };
      this.conversations.set(id, conversation);
    }
    return conversation;
  }

  /** Adds a message (an explicit id keeps seeded ones the same on every run); returns it. */
  addMessage(conversation: SandboxConversation, message: { fromBusiness: boolean; text: string; imageUrl?: string; createdAt: number; id?: string }): SandboxMessage {
    const stored: SandboxMessage = {
      id: message.id ?? opaqueId(`ig_message:${conversation.businessId}:${++this.sequence}:${message.createdAt}`),
      fromBusiness: message.fromBusiness,
      text: message.text,
      ...(message.imageUrl ? { imageUrl: message.imageUrl } : {}),
      createdAt: message.createdAt,
    };
    conversation.messages.push(stored);
    conversation.messages.sort((a, b) => a.createdAt - b.createdAt);
    this.messageIndex.set(stored.id, { conversation, message: stored });
    this.changed();
    return stored;
  }

  /** An account's conversations, the most recently active first. */
  conversationsOf(businessId: string): SandboxConversation[] {
    const last = (c: SandboxConversation) => c.messages.at(-1)?.createdAt ?? 0;
    return [...this.conversations.values()].filter((c) => c.businessId === businessId && c.messages.length > 0).sort((a, b) => last(b) - last(a));
  }

  conversation(id: string): SandboxConversation | undefined {
    return this.conversations.get(id);
  }

  message(id: string): { conversation: SandboxConversation; message: SandboxMessage } | undefined {
    return this.messageIndex.get(id);
  }

  hasPrivateReply(commentId: string): boolean {
    return this.privateReplies.has(commentId);
  }

  recordPrivateReply(commentId: string): void {
    this.privateReplies.add(commentId);
    this.changed();
  }

  /** When the account's seeded conversations began: the first time its inbox was read. */
  seedStart(businessId: string, now: number): number {
    let start = this.seedStarts.get(businessId);
    if (start === undefined) {
      start = now;
      this.seedStarts.set(businessId, start);
    }
    return start;
  }
}
