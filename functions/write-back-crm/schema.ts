export { WriteBackMessageSchema } from '../../shared/domain/outbound/write-back-record.js';
