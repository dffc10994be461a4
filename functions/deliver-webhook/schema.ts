export { DeliveryMessageSchema } from '../../shared/domain/outbound/delivery-record.js';
