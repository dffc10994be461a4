export { RecomputeMessageSchema, type RecomputeMessage } from '../../shared/domain/risk/recompute-rating.js';
