import type { AlertRecord } from './alert-lifecycle.js';

/**
 * The text an assignee's robot or mailbox receives about an alert: ids, rule, severity, the rule's
 * message (which carries no personal data) and the SLA due time — never names, contacts or bureau data.
 */
export const alertNotice = (alert: Pick<AlertRecord, 'alertId' | 'customerId' | 'rule' | 'severity' | 'message' | 'status' | 'acknowledgeBy' | 'resolveBy'>, reason: 'assigned' | 'escalated' | 'raised'): string =>
  [
    `[RiskBridge] ${alert.severity.toUpperCase()} alert ${reason}: ${alert.message}`,
    `alert ${alert.alertId} · rule ${alert.rule} · customer ${alert.customerId} · ${alert.status}`,
    alert.status === 'open' ? `acknowledge by ${alert.acknowledgeBy}` : `resolve by ${alert.resolveBy}`,
  ].join('\n');
