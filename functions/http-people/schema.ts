import { z } from 'zod';
import { ApprovalSchema, ApprovalStatusSchema } from '../../shared/domain/approvals/approval.js';
import { PrincipalSchema } from '../../shared/domain/auth/principal.js';
import { PersonIdSchema, PersonRoleSchema, PersonSchema } from '../../shared/domain/people/person.js';

/** Inputs and answers of the people and approvals API. */
export const PersonPathSchema = z.strictObject({ personId: PersonIdSchema });
export const PersonRolePathSchema = z.strictObject({ personId: PersonIdSchema, role: PersonRoleSchema });
export const ApprovalPathSchema = z.strictObject({ approvalId: z.string().regex(/^apr_[0-9A-Z]{26}$/, 'an approval id (apr_…)') });
export const ApprovalsQuerySchema = z.strictObject({ status: ApprovalStatusSchema.default('pending') });
export const RejectSchema = z.strictObject({ reason: z.string().trim().min(3).max(500).optional() });

export const PersonResponseSchema = z.object({ person: PersonSchema });
export const CreatedPersonSchema = z.object({ person: PersonSchema, approvals: z.array(ApprovalSchema).describe('Privileged roles asked for, waiting for a second person') });
export const PendingGrantSchema = z.object({ person: PersonSchema, approval: ApprovalSchema });
export const PeopleResponseSchema = z.object({ people: z.array(PersonSchema) });
export const ApprovalResponseSchema = z.object({ approval: ApprovalSchema });
export const DecisionResponseSchema = z.object({ approval: ApprovalSchema, executed: z.boolean().describe('True when this approval met the quorum and the action ran') });
export const ApprovalsResponseSchema = z.object({ approvals: z.array(ApprovalSchema) });
export const WhoAmISchema = z.object({ principal: PrincipalSchema, person: PersonSchema.optional() });
