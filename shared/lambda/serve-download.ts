import type { Principal } from '../domain/auth/principal.js';
import type { AuditInput } from '../domain/audit/audit-chain.js';
import { NotFoundError } from '../domain/errors.js';
import type { ObjectStore } from '../domain/jobs/ports.js';
import type { DownloadLinks } from './download-link.js';

/** How long a presigned S3 URL handed out by a redirect stays valid. */
export const PRESIGNED_TTL_SECONDS = 60;

export type DownloadMode = 'inline' | 'presigned';

/** What `GET /v1/downloads/{token}` answers: the bytes with their headers, or where to fetch them. */
export type Download = { kind: 'redirect'; url: string } | { kind: 'inline'; text: string; headers: Record<string, string> };

export interface ServeDownloadDeps {
  links: DownloadLinks;
  objects: Pick<ObjectStore, 'get' | 'head'> & {
    presignGet(key: string, options: { expiresInSeconds: number; fileName: string; mediaType: string }): Promise<string>;
  };
  mode: DownloadMode;
  audit: { append(input: AuditInput): Promise<unknown> };
}

/**
 * Serves the object behind a hub-signed link to the caller it was issued to: verifies the
 * token (403 `link_invalid` / `link_expired`), audits the access, then answers the bytes with
 * their media type and `content-disposition: attachment` — or, in `presigned` mode, a redirect to
 * a presigned S3 URL valid for a minute (the hub checks, S3 serves: no Lambda size limit).
 * An object that is gone (expired by the bucket's lifecycle) is a 404. Text objects only
 * (CSV, NDJSON, JSON): the HTTP layer sends bodies as UTF-8 text.
 * @example const file = await serveDownload(deps)(params.token, principal);
 */
export const serveDownload = ({ links, objects, mode, audit }: ServeDownloadDeps) => async (token: string, caller: Pick<Principal, 'principalId'>): Promise<Download> => {
  const grant = await links.open(token, caller.principalId);
  const gone = () => new NotFoundError('The file (it expires some days after the job finished; start the job again)');
  const log = () => audit.append({ actor: caller.principalId, action: 'object.downloaded', target: `object:${grant.objectKey}`, details: { fileName: grant.fileName, mode } });
  if (mode === 'presigned') {
    if (!(await objects.head(grant.objectKey))) throw gone();
    await log();
    return { kind: 'redirect', url: await objects.presignGet(grant.objectKey, { expiresInSeconds: PRESIGNED_TTL_SECONDS, fileName: grant.fileName, mediaType: grant.mediaType }) };
  }
  const object = await objects.get(grant.objectKey);
  if (!object) throw gone();
  await log();
  return {
    kind: 'inline',
    text: Buffer.from(object.body).toString('utf8'),
    headers: {
      'content-type': grant.mediaType,
      'content-disposition': `attachment; filename="${grant.fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  };
};
