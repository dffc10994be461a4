/** Outcome of validating and normalising one raw identifier: the canonical value or why it was refused. */
export type NormaliseResult = { ok: true; value: string } | { ok: false; reason: string };

export const accept = (value: string): NormaliseResult => ({ ok: true, value });
export const refuse = (reason: string): NormaliseResult => ({ ok: false, reason });

/** Removes the separators people type inside identifiers (spaces, dots, dashes, slashes) and upper-cases. */
export const compact = (raw: string): string => raw.normalize('NFKC').replace(/[\s.\-/_]/g, '').toUpperCase();
