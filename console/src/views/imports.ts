import { client, ok } from '../api.js';
import { h, type Child } from '../dom.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { describeError, heading, kv, link, table, toast } from '../ui.js';

/** Every chunk stays below the hub's 1 MB body limit, header row included. */
export const CHUNK_BYTES = 900_000;
/** The hub's ready column mappings (shared/domain/crm/bulk-import/column-mapping.ts). */
const READY_MAPPINGS = ['online-retail-ii'];

/**
 * Splits a CSV text into chunks of at most `maxBytes` UTF-8 bytes, each starting with the
 * header row, cutting only between records (a quoted field may span lines).
 */
export const csvChunks = (text: string, maxBytes = CHUNK_BYTES): string[] => {
  const encoder = new TextEncoder();
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      records.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start).endsWith('\n') ? text.slice(start) : `${text.slice(start)}\n`);
  const [header, ...rows] = records;
  if (header === undefined) return [];
  const headerBytes = encoder.encode(header).length;
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = headerBytes;
  for (const row of rows) {
    const size = encoder.encode(row).length;
    if (headerBytes + size > maxBytes) throw new RangeError('a row is larger than a chunk');
    if (bytes + size > maxBytes && current.length) {
      chunks.push(header + current.join(''));
      current = [];
      bytes = headerBytes;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length || chunks.length === 0) chunks.push(header + current.join(''));
  return chunks;
};

type ImportJob = Awaited<ReturnType<typeof readImport>>;
const readImport = async (importId: string) => (await ok(client().GET('/v1/imports/{importId}', { params: { path: { importId } } }))).import;

const progress = (job: ImportJob): HTMLElement[] => [
  h('progress', { max: Math.max(1, job.recordsQueued), value: job.recordsApplied + job.recordsFailed, 'aria-label': t('imports.progress') }),
  kv([
    [t('imports.status'), job.done ? t('imports.done') : t('imports.running')],
    [t('imports.chunks'), formatNumber(job.chunks)],
    [t('imports.rowsRead'), formatNumber(job.rowsRead)],
    [t('imports.applied'), `${formatNumber(job.recordsApplied)} / ${formatNumber(job.recordsQueued)}`],
    [t('imports.failed'), formatNumber(job.recordsFailed)],
    [t('imports.rowErrors'), formatNumber(job.rowErrors)],
  ]),
  table([{ label: t('imports.line'), value: (e) => formatNumber(e.line), num: true }, { label: t('imports.reason'), value: (e) => e.reason }], job.errors, t('imports.noRowErrors')),
];

/** Watches an import by polling until it is done (or the view is left). */
const watch = (importId: string, box: HTMLElement): void => {
  let shown = false;
  const tick = async (): Promise<void> => {
    // The box is put on the page after this view returns; once it has left the page, polling stops.
    if (box.isConnected) shown = true;
    else if (shown) return;
    try {
      const job = await readImport(importId);
      box.replaceChildren(...progress(job));
      if (!job.done) setTimeout(() => void tick(), 1000);
    } catch (error) {
      box.replaceChildren(h('p', { class: 'error' }, describeError(error)));
    }
  };
  void tick();
};

const upload = async (file: File, mapping: string, status: HTMLElement): Promise<string> => {
  const chunks = csvChunks(await file.text());
  const api = client();
  const first = chunks[0] ?? '';
  status.textContent = t('imports.sending', { n: 1, total: chunks.length });
  const started = await ok(api.POST('/v1/imports', { params: { query: { mapping, complete: chunks.length > 1 ? 'false' : 'true' } }, body: first, bodySerializer: (b: unknown) => String(b), headers: { 'content-type': 'text/csv' } }));
  const importId = started.import.jobId;
  for (let i = 1; i < chunks.length; i++) {
    status.textContent = t('imports.sending', { n: i + 1, total: chunks.length });
    await ok(api.POST('/v1/imports/{importId}/chunks', { params: { path: { importId }, query: { complete: i === chunks.length - 1 ? 'true' : 'false' } }, body: chunks[i], bodySerializer: (b: unknown) => String(b), headers: { 'content-type': 'text/csv' } } as never));
  }
  return importId;
};

export const importsView = async (params: URLSearchParams): Promise<Child[]> => {
  const importId = params.get('id');
  const fileInput = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv', required: true });
  const mapping = h('select', { id: 'import-mapping' }, READY_MAPPINGS.map((name) => h('option', { value: name }, name)));
  const status = h('p', { class: 'muted', role: 'status' });
  const box = h('div', { id: 'import-progress' });
  const form = h('form', { class: 'card', on: { submit: (e) => {
    e.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) return;
    upload(file, mapping.value, status).then((id) => (location.hash = link('imports', { id })), (error: unknown) => {
      status.textContent = '';
      toast(describeError(error), true);
    });
  } } },
    h('h2', {}, t('imports.upload')),
    h('p', { class: 'muted' }, t('imports.help')),
    h('label', { for: 'import-file' }, t('imports.file')), fileInput,
    h('label', { for: 'import-mapping' }, t('imports.mapping')), mapping,
    h('button', { type: 'submit' }, t('imports.start')),
    status);
  if (importId) watch(importId, box);
  return [heading('nav.imports'), form, importId ? [h('h2', {}, t('imports.watching', { id: importId })), box] : h('p', { class: 'empty' }, t('imports.empty'))];
};
