import { readFile } from 'node:fs/promises';
import { AuditExportSchema, verifyAuditExport, type ExportVerdict } from '../../../shared/domain/audit/audit-export.js';

/** Reads an audit export (and optionally a trusted public key) from files and verifies it offline. */
export const verifyExportFile = async (file: string, publicKeyFile?: string): Promise<ExportVerdict> => {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON`, { cause: error });
  }
  const parsed = AuditExportSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not an audit export: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  const pinned = publicKeyFile === undefined ? undefined : await readFile(publicKeyFile, 'utf8');
  return verifyAuditExport(parsed.data, pinned);
};
