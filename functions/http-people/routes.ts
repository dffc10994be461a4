import { CreatePersonSchema, GrantRoleSchema } from '../../shared/domain/people/person.js';
import { defineRoutes } from '../../shared/lambda/http-route.js';
import {
  ApprovalPathSchema,
  ApprovalResponseSchema,
  ApprovalsQuerySchema,
  ApprovalsResponseSchema,
  CreatedPersonSchema,
  DecisionResponseSchema,
  PendingGrantSchema,
  PeopleResponseSchema,
  PersonPathSchema,
  PersonResponseSchema,
  PersonRolePathSchema,
  RejectSchema,
  WhoAmISchema,
} from './schema.js';

const people = { auth: 'apiKey', roles: ['admin'], scope: 'people:manage', tag: 'People' } as const;
const approvals = { auth: 'apiKey', roles: ['admin'], scope: 'approvals:decide', tag: 'Approvals' } as const;

/** Routes of the `http-people` function: people and their roles, four-eyes approvals, who am I. */
export const peopleRoutes = defineRoutes({
  whoAmI: {
    method: 'GET', path: '/v1/me', auth: 'apiKey', roles: ['admin'], tag: 'People',
    summary: 'The calling person (admin key or signed-in session): principal, scopes and person record',
    responses: { 200: { description: 'The principal', body: WhoAmISchema } },
  },
  createPerson: {
    ...people, method: 'POST', path: '/v1/people',
    summary: 'Create a person (risk officer); privileged roles wait for a second person',
    description: 'Roles: `admin`, `approver`, `analyst`, `auditor` (docs/people.md). `admin` and `approver` are asked for as `role.grant` approvals, except while the bootstrap key creates the first two admins. A role claim in an identity provider grants nothing.',
    body: CreatePersonSchema,
    responses: { 201: { description: 'Created', body: CreatedPersonSchema } },
    errors: [409],
  },
  listPeople: {
    ...people, method: 'GET', path: '/v1/people',
    summary: 'List people',
    responses: { 200: { description: 'Every person', body: PeopleResponseSchema } },
  },
  getPerson: {
    ...people, method: 'GET', path: '/v1/people/{personId}',
    summary: 'Read a person',
    params: PersonPathSchema,
    responses: { 200: { description: 'The person', body: PersonResponseSchema } },
    errors: [404],
  },
  grantRole: {
    ...people, method: 'POST', path: '/v1/people/{personId}/roles',
    summary: 'Grant a role (privileged roles: four eyes)',
    params: PersonPathSchema, body: GrantRoleSchema,
    responses: { 200: { description: 'Granted (or already held)', body: PersonResponseSchema }, 202: { description: 'A privileged role: waiting for a second person', body: PendingGrantSchema } },
    errors: [404],
  },
  revokeRole: {
    ...people, method: 'DELETE', path: '/v1/people/{personId}/roles/{role}',
    summary: 'Revoke a role (at once)',
    params: PersonRolePathSchema,
    responses: { 200: { description: 'Revoked (or not held)', body: PersonResponseSchema } },
    errors: [404],
  },
  listApprovals: {
    ...approvals, method: 'GET', path: '/v1/approvals',
    summary: 'Approvals in one state (default: pending), oldest first',
    query: ApprovalsQuerySchema,
    responses: { 200: { description: 'The approvals', body: ApprovalsResponseSchema } },
  },
  getApproval: {
    ...approvals, method: 'GET', path: '/v1/approvals/{approvalId}',
    summary: 'Read an approval',
    params: ApprovalPathSchema,
    responses: { 200: { description: 'The approval', body: ApprovalResponseSchema } },
    errors: [404],
  },
  approveApproval: {
    ...approvals, method: 'POST', path: '/v1/approvals/{approvalId}/approve',
    summary: 'Approve (as a person other than the maker); the action runs once the quorum is met',
    description: 'The maker: 403 `self_approval` (any of their keys or sessions). A service account or a key without a person: 403. Not pending any more, or this person already approved: 409 `approval_transition_refused` with `current`, the approval as it stands.',
    params: ApprovalPathSchema,
    responses: { 200: { description: 'Approved; `executed` tells whether the action ran', body: DecisionResponseSchema } },
    errors: [404, 409],
  },
  rejectApproval: {
    ...approvals, method: 'POST', path: '/v1/approvals/{approvalId}/reject',
    summary: 'Reject (or, as its maker, withdraw) a pending approval',
    params: ApprovalPathSchema, body: RejectSchema, bodyRequired: false,
    responses: { 200: { description: 'Rejected', body: ApprovalResponseSchema } },
    errors: [404, 409],
  },
});
