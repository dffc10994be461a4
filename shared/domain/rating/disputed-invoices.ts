import type { CustomerProfile } from '../profile/customer-profile.js';
import type { RiskPolicy } from './policy.js';

const DAY_MS = 86_400_000;

/**
 * The profile as the delinquency features see it when the policy leaves disputed invoices out
 * (`disputes.excludeDisputedInvoices`, default true): each invoice in `disputedInvoices` is taken
 * out of the open invoices, the open and overdue amounts and the oldest due date. The recorded
 * worst days past due is a high-water mark that cannot say which invoice set it: it is dropped
 * when a disputed invoice alone explains it (that invoice is at least as far past due now), and
 * kept otherwise. Pure; the profile is not changed.
 */
export const withoutDisputedInvoices = (profile: CustomerProfile, policy: Pick<RiskPolicy, 'disputes'>, now: Date): CustomerProfile => {
  const disputed = profile.disputedInvoices;
  if (!policy.disputes.excludeDisputedInvoices || !disputed || disputed.length === 0) return profile;
  const ids = new Set(disputed.map((d) => d.invoiceId));
  const exposure = profile.aggregates.exposure;
  const open = exposure.openInvoices ?? [];
  const out = open.filter((i) => ids.has(i.id));
  if (out.length === 0) return profile;
  const kept = open.filter((i) => !ids.has(i.id));
  const overdue = (list: typeof open) => list.filter((i) => Date.parse(i.dueAt) < now.getTime()).reduce((s, i) => s + i.openMinor, 0);
  const worstDisputed = Math.max(...out.map((i) => Math.max(0, Math.floor((now.getTime() - Date.parse(i.dueAt)) / DAY_MS))));
  const keptWorst = kept[0] ? Math.max(0, Math.floor((now.getTime() - Date.parse(kept[0].dueAt)) / DAY_MS)) : 0;
  const { oldestOpenDueAt: _o, openInvoices: _l, ...rest } = exposure;
  return {
    ...profile,
    aggregates: {
      ...profile.aggregates,
      exposure: {
        ...rest,
        openInvoiceCount: Math.max(0, exposure.openInvoiceCount - out.length),
        openMinor: exposure.openMinor - out.reduce((s, i) => s + i.openMinor, 0),
        overdueMinor: Math.max(0, exposure.overdueMinor - overdue(out)),
        maxDaysPastDue: worstDisputed >= exposure.maxDaysPastDue ? keptWorst : exposure.maxDaysPastDue,
        ...(kept.length > 0 ? { openInvoices: kept, oldestOpenDueAt: kept[0]!.dueAt } : {}),
      },
    },
  };
};
