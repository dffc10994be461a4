import { readFile } from 'node:fs/promises';
import { parseAuditExport, verifyAuditExport, type ExportVerdict } from '../../../shared/domain/audit/audit-export.js';

/** Reads an audit export (NDJSON as the export job writes it, or one JSON document) and optionally a trusted key, and verifies it offline. */
export const verifyExportFile = async (file: string, publicKeyFile?: string): Promise<ExportVerdict> => {
  const text = await readFile(file, 'utf8');
  let doc;
  try {
    doc = parseAuditExport(text);
  } catch (error) {
    const issues = (error as { issues?: Array<{ path: string; message: string }> }).issues;
    const detail = issues?.slice(0, 3).map((i) => `${i.path} ${i.message}`).join('; ') ?? (error as Error).message.split('\n')[0];
    throw new Error(`${file} is not an audit export: ${detail}`, { cause: error });
  }
  const pinned = publicKeyFile === undefined ? undefined : await readFile(publicKeyFile, 'utf8');
  return verifyAuditExport(doc, pinned);
};
