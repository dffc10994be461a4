/** Moved to shared/domain/alerts/evaluate-alerts.ts (the operations capability owns alerts); kept for existing imports. */
export { AlertSchema, evaluateAlerts, type Alert } from '../alerts/evaluate-alerts.js';
