export { CrmIngestMessageSchema as IngestCrmRecordMessageSchema, type CrmIngestMessage } from '../../shared/domain/customers/ingest-message.js';
