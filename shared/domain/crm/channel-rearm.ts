import { z } from 'zod';

/** A Zoho notification channel as RiskBridge stores it. */
export const WatchChannelSchema = z.object({
  connectionId: z.string().min(1),
  channelId: z.string().regex(/^\d{1,19}$/),
  events: z.array(z.string().regex(/^[A-Za-z0-9_]+\.(all|create|edit|delete)$/)).min(1),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type WatchChannel = z.infer<typeof WatchChannelSchema>;

/** Zoho keeps a channel for at most one week (API v8 docs, "channel_expiry"). */
export const MAX_CHANNEL_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Channels that expire within `marginMinutes` of `now` (or already have) and must be
 * re-armed, soonest first. Pure: the scheduler passes the stored channels and the clock.
 */
export const channelsToRearm = (channels: readonly WatchChannel[], now: Date, marginMinutes: number): WatchChannel[] => {
  const threshold = now.getTime() + marginMinutes * 60_000;
  return channels
    .filter((channel) => Date.parse(channel.expiresAt) <= threshold)
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
};

/** The expiry to request when (re-)arming: `lifetimeMs` after now, capped at Zoho's one-week maximum. */
export const nextChannelExpiry = (now: Date, lifetimeMs = MAX_CHANNEL_LIFETIME_MS - 60 * 60_000): string =>
  new Date(now.getTime() + Math.min(lifetimeMs, MAX_CHANNEL_LIFETIME_MS)).toISOString();
