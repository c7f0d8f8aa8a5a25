import type { Campaign, Recipient, User } from '../src/trpc/trpc';

export function userFixture(overrides: Partial<User> = {}): User {
  return {
    id: 1,
    name: 'Sara',
    username: null,
    email: 'sara@example.com',
    phone: '+989121234567',
    role: 'USER',
    status: 'ACTIVE',
    subscriptionActive: true,
    subscriptionExpiresAt: null,
    locale: 'en',
    defaultCountry: 'IR',
    emailVerifiedAt: null,
    phoneVerifiedAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function campaignFixture(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 7,
    userId: 1,
    whatsappAccountId: 3,
    title: 'Spring sale',
    message: 'سلام {{name}}',
    interval: 'TEN_SECONDS',
    status: 'READY',
    isConnected: true,
    totalRecipients: 2,
    sentCount: 0,
    failedCount: 0,
    deliveredCount: 0,
    readCount: 0,
    skippedCount: 0,
    batchSize: 25,
    batchPauseSeconds: 90,
    typing: false,
    media: null,
    variableKeys: [],
    scheduledAt: null,
    pausedReason: null,
    pauseCause: null,
    startedAt: null,
    completedAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function recipientFixture(overrides: Partial<Recipient> = {}): Recipient {
  return {
    id: 1,
    phone: '+989121234567',
    name: null,
    variables: null,
    status: 'PENDING',
    whatsappMessageId: null,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    error: null,
    ...overrides,
  };
}
