import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import type { AuditInput } from './audit-chain.js';

/** A quarantine entry as listed: why a message or payload can never succeed, never its bytes. */
export const QuarantineEntrySchema = z.object({ messageId: z.string(), code: z.string(), reason: z.string(), receiveCount: z.number().optional(), at: z.string() });
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;

/** The entries of one source, newest first. */
export const QuarantineListingSchema = z.object({ source: z.string(), entries: z.array(QuarantineEntrySchema) });
export type QuarantineListing = z.infer<typeof QuarantineListingSchema>;

/** One quarantined message with its exact bytes, gzip-compressed and base64-encoded. */
export const QuarantinedPayloadSchema = QuarantineEntrySchema.extend({
  source: z.string(),
  encoding: z.literal('gzip+base64'),
  payload: z.string().describe('The bytes as received, gzip-compressed, base64'),
});
export type QuarantinedPayload = z.infer<typeof QuarantinedPayloadSchema>;

/** Port: quarantined entries of a source (newest first), and one entry with its gzip'd bytes. */
export interface QuarantineReader {
  list(source: string, limit: number): Promise<QuarantineEntry[]>;
  getPayload(source: string, messageId: string): Promise<(QuarantineEntry & { bodyGz: Uint8Array }) | undefined>;
}

/**
 * Read access to the quarantine for investigation. Listing shows codes and reasons only; reading
 * the exact bytes of one message is audited (`quarantine.payload_read`, with the code and the
 * compressed size, never the content). An unknown message is a NotFoundError (404).
 */
export const readQuarantine = ({ quarantine, audit }: { quarantine: QuarantineReader; audit: { append(input: AuditInput): Promise<unknown> } }) => ({
  list: async (source: string, limit: number): Promise<QuarantineListing> => ({ source, entries: await quarantine.list(source, limit) }),

  async payload(source: string, messageId: string, actor: string): Promise<QuarantinedPayload> {
    const found = await quarantine.getPayload(source, messageId);
    if (!found) throw new NotFoundError(`Quarantined message ${messageId} of ${source}`);
    const { bodyGz, ...entry } = found;
    await audit.append({ actor, action: 'quarantine.payload_read', target: `quarantine:${source}/${messageId}`, details: { code: entry.code, bytes: bodyGz.length } });
    return { source, ...entry, encoding: 'gzip+base64', payload: Buffer.from(bodyGz).toString('base64') };
  },
});
