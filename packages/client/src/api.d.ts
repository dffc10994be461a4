/**
 * The RiskBridge API's types, generated from docs/openapi.json by openapi-typescript (npm run docs).
 * Do not edit by hand.
 */

export interface paths {
    "/console": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Risk console (static web app)
         * @description **Public:** no API key needed.
         */
        get: operations["consoleIndex"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/sign-in.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The console's sign-in methods (person sign-in endpoints, if configured)
         * @description Locally the OIDC issuer of `npm start`; in AWS the Cognito hosted UI when configured. No secret: the app client is public and uses PKCE.
         *
         *     **Public:** no API key needed.
         */
        get: operations["consoleSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/{proxy}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Risk console static files (scripts, styles)
         * @description **Public:** no API key needed.
         */
        get: operations["consoleAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API reference (one self-contained HTML page)
         * @description **Public:** no API key needed.
         */
        get: operations["getApiReference"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This API's OpenAPI 3.1 document
         * @description The contract the reference page (`GET /docs`) and the typed client (`@riskbridge/client`) are generated from.
         *
         *     **Public:** no API key needed.
         */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List data-sharing agreements
         * @description **Roles:** `admin` · **Scope:** `keys:manage`
         */
        get: operations["listAgreements"];
        put?: never;
        /**
         * Ask for a data-sharing agreement with a consultant (four eyes, audited)
         * @description Answers 202 with an `agreement.create` approval; the agreement exists once another person approves it (its hashing salt never leaves the hub). An agreement id already taken: 409.
         *
         *     **Roles:** `admin` · **Scope:** `keys:manage`
         */
        post: operations["createAgreement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agreements/{agreementId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a data-sharing agreement
         * @description **Roles:** `admin` · **Scope:** `keys:manage`
         */
        get: operations["getAgreement"];
        put?: never;
        post?: never;
        /**
         * Revoke a data-sharing agreement (audited)
         * @description **Roles:** `admin` · **Scope:** `keys:manage`
         */
        delete: operations["revokeAgreement"];
        options?: never;
        head?: never;
        /**
         * Change field rules, validUntil or purpose (audited; widening needs four eyes)
         * @description Narrowing (a rule that reveals less, an earlier `validUntil`) and purpose changes apply at once (200). A patch that widens the agreement (a rule that reveals more, a later `validUntil`) answers 202 with an `agreement.widen` approval and changes nothing until another person approves it. A revoked agreement is immutable: 409 `agreement_revoked` with the agreement as it is (`current`).
         *
         *     **Roles:** `admin` · **Scope:** `keys:manage`
         */
        patch: operations["updateAgreement"];
        trace?: never;
    };
    "/v1/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys (no secrets)
         * @description **Roles:** `admin` · **Scope:** `keys:manage`
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Issue an API key
         * @description Admin keys belong to a person (default: the caller) and carry at most that person's role scopes; a key for another person is stored `pending` and answers 202 with the approval a second person must grant. crm, partner and consultant keys need `tenantRef` naming an existing CRM connection, partner (with an engagement) or agreement holder, and belong to a service account owned by the caller. `expiresAt` must lie in the future.
         *
         *     **Roles:** `admin` · **Scope:** `keys:manage`
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description **Roles:** `admin` · **Scope:** `keys:manage`
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/api-keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a key by a new one and revoke the old
         * @description **Roles:** `admin` · **Scope:** `keys:manage`
         */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lifecycle alerts in one state (default open), newest first, filtered by severity, assignee, rule
         * @description `GET /v1/alerts` is the console's view of raised alert events in a time window; this route lists the stored alerts that are worked through the lifecycle (docs/operations.md).
         *
         *     **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["listLifecycleAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Raised risk alerts, newest first (at most 72 h; default the last 24 h)
         * @description **Roles:** `admin` · **Scope:** `customers:read`
         */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{alertId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an alert: state, assignee, comments, history, SLA due times, escalations
         * @description **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["getAlert"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{alertId}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign an open alert to a person
         * @description A resolved or false-positive alert is 409 `alert_transition_refused` with `current`.
         *
         *     **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["assignAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{alertId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a comment to an alert
         * @description **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["commentAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{alertId}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move an alert: acknowledged, snoozed (until), resolved, false_positive (with a note)
         * @description Allowed: `open → acknowledged → snoozed → resolved | false_positive`, with forward shortcuts; a snooze wakes to `acknowledged`. Any other move is 409 `alert_transition_refused` with `current`: the alert's `status` and the moves it `allowed`.
         *
         *     **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["transitionAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Approvals in one state (default: pending), oldest first
         * @description **Roles:** `admin` · **Scope:** `approvals:decide`
         */
        get: operations["listApprovals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{approvalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an approval
         * @description **Roles:** `admin` · **Scope:** `approvals:decide`
         */
        get: operations["getApproval"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{approvalId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve (as a person other than the maker); the action runs once the quorum is met
         * @description The maker: 403 `self_approval` (any of their keys or sessions). A service account or a key without a person: 403. Not pending any more, or this person already approved: 409 `approval_transition_refused` with `current`, the approval as it stands.
         *
         *     **Roles:** `admin` · **Scope:** `approvals:decide`
         */
        post: operations["approveApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{approvalId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject (or, as its maker, withdraw) a pending approval
         * @description **Roles:** `admin` · **Scope:** `approvals:decide`
         */
        post: operations["rejectApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read audit entries in time order, filtered by actor, action, object and time
         * @description Entries hold ids, codes and keyed digests (`hmac-sha256:…`), never personal data. `since` is inclusive, `until` exclusive.
         *
         *     **Roles:** `admin` · **Scope:** `audit:read`
         */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Export the audit entries of a time range with their checkpoints and the public key, as a job
         * @description Answers `202` with `Location: /v1/jobs/{jobId}`; the finished job links to one NDJSON file that `rb audit verify <file>` checks offline (see docs/audit.md). At most 100,000 entries: a larger range fails the job (`validation_failed`).
         *
         *     **Roles:** `admin` · **Scope:** `audit:read`
         */
        post: operations["startAuditExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit hash chains against the latest signed checkpoint
         * @description Checks every chain (links, hashes, head), each chain against the latest signed checkpoint (head seq and hash, length, the set of chains) and the checkpoint itself (Ed25519 signature, link to its predecessor). Entries after the checkpoint are counted as `unanchored`. See docs/audit.md.
         *
         *     **Roles:** `admin` · **Scope:** `audit:read`
         */
        get: operations["verifyAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bureau-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open subject-mismatch reviews (reports archived, not merged), newest first
         * @description **Roles:** `admin` · **Scope:** `customers:read`
         */
        get: operations["listBureauReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bureau-reviews/{reviewId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a subject-mismatch review: merge the archived report into the profile (audited; 409 when decided)
         * @description **Roles:** `admin` · **Scope:** `customers:write`
         */
        post: operations["acceptBureauReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bureau-reviews/{reviewId}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dismiss a subject-mismatch review with a reason; the report stays archived, unmerged (audited)
         * @description **Roles:** `admin` · **Scope:** `customers:write`
         */
        post: operations["dismissBureauReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bureau/metro2/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a Metro 2 file: matched consumers get the report on their profile, the others are held for review (audited)
         * @description The body is the Metro 2 character file itself (426-byte HEADER, Base Segments, TRAILER; with or without line breaks), as `text/plain` or `application/octet-stream`, up to 1 MiB. One canonical report per consumer; a consumer that matches exactly one active customer (name and postal code or date of birth) lands in `profile.credit[bureau]` with `credit_report.received`, as a pull would; the others are held with a reason (`no_matching_customer`, `ambiguous`, `weak_match`). A broken file is quarantined with its reason (status `quarantined`), nothing merged. The file is kept with the import.
         *
         *     **Roles:** `admin` · **Scope:** `customers:write`
         */
        post: operations["importMetro2"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bureau/metro2/imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A Metro 2 import: status and the outcome of every consumer (ids and reasons)
         * @description **Roles:** `admin` · **Scope:** `customers:read`
         */
        get: operations["getMetro2Import"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bureau/pulls/{pullId}/raw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The raw bureau answer of any pull, gzip + base64 (audited)
         * @description Completed and reviewed pulls: the answer the report was normalised from. Failed pulls whose answer could not be normalised: the quarantined bytes. A pull that never got an answer (queued, refused, subject not found) is a 404. Each read is audited (ids and digest, never content).
         *
         *     **Roles:** `admin` · **Scope:** `audit:read`
         */
        get: operations["getBureauPullRaw"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bureau/reports/{reportId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A normalised bureau report with its lineage (audited)
         * @description The canonical report as archived — every coded value keeps its raw code and scheme, every tradeline, inquiry and public record its `source` path into the raw payload — and its lineage: the pull (or Metro 2 import) it came from, the subject match, whether it was merged into the profile, the reviewer decision, and the digest of the raw payload. Reports held for review (subject mismatch) are readable too. Each read is audited (ids and digest, never content).
         *
         *     **Roles:** `admin` · **Scope:** `audit:read`
         */
        get: operations["getBureauReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/crm/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List CRM connections
         * @description **Roles:** `admin` · **Scope:** `crm:ingest`
         */
        get: operations["listConnections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/crm/connections/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a CRM connection
         * @description **Roles:** `admin` · **Scope:** `crm:ingest`
         */
        get: operations["getConnection"];
        /**
         * Create or replace a CRM connection (optionally from a template)
         * @description A whole configuration, or `template` (the CRM's default mapping) with top-level fields that replace the template's. Strict at every level; open are only the names the CRM owns (object names, `enum` transform values). `credentials` may name only the connection's own secrets (`riskbridge/<crm>/<connectionId>/<name>`), and `apiBaseUrl` / `authBaseUrl` must pass the outbound rules (https, allowed port, public addresses): 422 at their paths otherwise; a DNS outage while checking them is a 503 (`dns_unavailable`). Nothing is stored on a refusal. Audited. Four eyes: a new connection whose mapping takes in personal data (contact fields such as `fields.email`, `fields.phone`, `fields.legalName`, address fields; custom attributes flagged `pii`; `email`/`phone`/`cn_resident_id` identifiers; a `customKeyPattern`) answers 202 with a `crm_connection.create` approval, and a replacement that maps personal data the stored connection did not answers 202 with `crm_connection.widen`; nothing is stored until another person approves. Narrowing and other changes apply at once.
         *
         *     **Roles:** `admin` · **Scope:** `crm:ingest`
         */
        put: operations["putConnection"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/crm/connections/{connectionId}/channel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Arm (or re-arm) the Zoho notification channel of a connection
         * @description Calls Zoho `actions/watch` with a fresh token; keeps the previous channel id and events unless given. 422 for a connection that is not Zoho; 503 when Zoho cannot be reached. Audited.
         *
         *     **Roles:** `admin` · **Scope:** `crm:ingest`
         */
        post: operations["armZohoChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/crm/connections/{connectionId}/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check and create the CRM fields the write-back needs (credit hold, reason, limit, rating fields)
         * @description Reads the write-back object's fields through the CRM's metadata API (Zoho `settings/fields`, HubSpot CRM v3 properties, Salesforce describe; Fxiaoke object describe) and creates the missing ones (Zoho, HubSpot in the `riskbridge` group, Salesforce through the Tooling API `CustomField`; Fxiaoke has no create call: its missing fields are reported failed). One line per field: `present`, `created` or `failed` with the reason. 422 for a connection without a write-back map or a CRM without field setup. Audited.
         *
         *     **Roles:** `admin` · **Scope:** `crm:ingest`
         */
        post: operations["setupConnectionFields"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/crm/{connectionId}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest native records of a mapped object, or canonical CrmRecords
         * @description **Roles:** `admin`, `crm` · **Scope:** `crm:ingest`
         */
        post: operations["ingestRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/custom-attributes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The declared custom attributes (at most 200)
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        get: operations["listCustomAttributes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/custom-attributes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One custom attribute declaration
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        get: operations["getCustomAttribute"];
        /**
         * Declare a custom attribute (type, unit, bounds, categories, PII flag), audited
         * @description Declared once: a second declaration of the name is a 409 (a type change would reinterpret stored values). Values of undeclared attributes are refused everywhere (422 at `custom.<name>`).
         *
         *     **Roles:** `admin` · **Scope:** `policies:manage`
         */
        put: operations["declareCustomAttribute"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/custom-attributes/{name}/deprecate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deprecate a custom attribute: values stay, no new policy may read it; audited
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        post: operations["deprecateCustomAttribute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Portfolio: active customers with grade, PD, limit, segment, freeze
         * @description A CRM key lists only the customers linked to its connection: a page may then hold fewer rows (even none) while `next` leads on.
         *
         *     **Roles:** `admin`, `crm` · **Scope:** `customers:read`
         */
        get: operations["listCustomers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge one customer into another (audited)
         * @description With `reviewId`, the open review naming both customers is resolved in the same transaction.
         *
         *     **Roles:** `admin` · **Scope:** `customers:write`
         */
        post: operations["mergeCustomers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/unmerge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Undo a merge, restoring both profiles (audited)
         * @description **Roles:** `admin` · **Scope:** `customers:write`
         */
        post: operations["unmergeCustomers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a golden customer profile
         * @description A CRM key reads only customers linked to its connection (by their CRM record ids or by values its connection supplied); any other customer answers 404, like an unknown one.
         *
         *     **Roles:** `admin`, `crm` · **Scope:** `customers:read`
         */
        get: operations["getCustomer"];
        /**
         * Create or update a customer
         * @description Create-or-merge: name only what changes; identifiers are added. Older observations never overwrite newer ones. To delete a field use PATCH. Answers within its time budget: committed (200/201), or 409/503 with `Retry-After` and nothing committed. A CRM key writes only customers linked to its connection and creates one only with a `crm_record` identifier of its connection; any other customer answers 404, like an unknown one.
         *
         *     **Roles:** `admin`, `crm` · **Scope:** `customers:write`
         */
        put: operations["upsertCustomer"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change or delete fields of an existing customer (JSON merge patch)
         * @description RFC 7396 merge patch: a value sets a field (survivorship as on PUT), `null` deletes it. A deletion keeps its provenance (a tombstone with source and time in `profile.tombstones`), so an older observation from any source does not bring the value back; a newer one does. Identifiers are added with PUT. Answers within its time budget like PUT.
         *
         *     **Roles:** `admin`, `crm` · **Scope:** `customers:write`
         */
        patch: operations["patchCustomer"];
        trace?: never;
    };
    "/v1/customers/{customerId}/bureau-pulls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's bureau pulls, newest first (?limit=1..100)
         * @description **Roles:** `admin`, `crm` · **Scope:** `customers:read`
         */
        get: operations["listBureauPulls"];
        put?: never;
        /**
         * Pull a bureau report (202; concurrent requests collapse)
         * @description Needs a valid consent covering the bureau (and the purpose, when given), else 422 `consent_required`. Poll the pull for its status. A CRM key reaches consents and pulls only of customers linked to its connection; any other customer answers 404, like an unknown one.
         *
         *     **Roles:** `admin`, `crm` · **Scope:** `bureau:pull`
         */
        post: operations["requestBureauPull"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/bureau-pulls/{pullId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Status of a bureau pull
         * @description **Roles:** `admin`, `crm` · **Scope:** `customers:read`
         */
        get: operations["getBureauPull"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a customer's consents
         * @description **Roles:** `admin`, `crm` · **Scope:** `customers:read`
         */
        get: operations["listConsents"];
        put?: never;
        /**
         * Record a consent / permissible purpose for bureau pulls (audited)
         * @description **Roles:** `admin`, `crm` · **Scope:** `customers:write`
         */
        post: operations["recordConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/consents/{consentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a consent (audited)
         * @description **Roles:** `admin`, `crm` · **Scope:** `customers:write`
         */
        delete: operations["revokeConsent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events emitted for a customer, by sequence
         * @description **Roles:** `admin` · **Scope:** `customers:read`
         */
        get: operations["listCustomerEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/freeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Freeze a customer (limit 0), audited
         * @description Takes a manual `freeze_all_credit` emergency measure (docs/operations.md#emergency-measures); with `expiresAt` the freeze lifts by itself then (`measure.expired`). A past `expiresAt` is a 422.
         *
         *     **Roles:** `admin` · **Scope:** `policies:approve`
         */
        post: operations["freezeCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/measures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's emergency measures (active, lifted, expired) and the combined restrictions
         * @description **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["listCustomerMeasures"];
        put?: never;
        /**
         * Take an emergency measure on a customer (origin manual)
         * @description Writes the measure, the profile's combined `restrictions` and `measure.taken` (with `customer.frozen` when the credit hold starts) in one transaction; the recompute then applies the restricted limit. `reduce_limit` takes `params.keepPercent` and/or `params.capMinor`, the other types no params. Confirmed orders are never touched.
         *
         *     **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["takeMeasure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/outcomes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a credit outcome (defaulted or not, at a date) as a training label, audited
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        post: operations["recordOutcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rating history of a customer, newest first
         * @description **Roles:** `admin` · **Scope:** `customers:read`
         */
        get: operations["listRatings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/unfreeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lift a freeze, audited (a policy-imposed freeze: four eyes)
         * @description A manual freeze is lifted at once. A freeze the policy imposed (default definition met) needs two people: the first call answers 202 with the pending approval, a second person's call lifts it.
         *
         *     **Roles:** `admin` · **Scope:** `policies:approve`
         */
        post: operations["unfreezeCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/write-backs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * CRM write-back log of a customer (newest event first, with attempts)
         * @description **Roles:** `admin` · **Scope:** `customers:read`
         */
        get: operations["listWriteBacks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{dataset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of a dataset under an active agreement, redacted per field (audited)
         * @description An unknown dataset, one outside the caller's agreements and one under an expired or revoked agreement all answer the same 403. With several covering agreements, name one (`agreementId`).
         *
         *     **Roles:** `consultant` · **Scope:** `datasets:read`
         */
        get: operations["readDataset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Disputes, newest first, filtered by status, subject type, customer, overdue
         * @description **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["listDisputes"];
        put?: never;
        /**
         * Open a dispute on an invoice, a bureau item, a rating or a partner assessment
         * @description Due `disputes.slaHours` (default 720) after opening. A disputed invoice leaves the delinquency features while the dispute is open (policy `disputes.excludeDisputedInvoices`) and the customer is re-rated. A subject with a dispute still open is 409 `dispute_already_open`; an unknown customer or assessment 422.
         *
         *     **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["openDispute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{disputeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a dispute: subject, state, outcome, due time, comments, history
         * @description **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["getDispute"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{disputeId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a comment to a dispute
         * @description **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["commentDispute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{disputeId}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a dispute: under_review, or resolved with an outcome (two people)
         * @description Allowed: `open → under_review → resolved`. Resolving takes two people: the first call asks (202 with the pending `dispute.resolve` approval), a second person calling with the same outcome resolves it (200). The person who asked, again: 409 `second_person_required`. A key that belongs to no person cannot be the second: 403. Any other move (or another outcome than the one asked for) is 409 `dispute_transition_refused` with `current`.
         *
         *     **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["transitionDispute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/downloads/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a job's file through a hub-signed link (only by the caller it was issued to, until it expires)
         * @description **Roles:** `admin`, `crm`, `partner`
         */
        get: operations["download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/drills/default": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate the default path for a customer (writes nothing)
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        post: operations["defaultDrill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/portfolio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Export the portfolio (CSV or NDJSON, optionally one grade) as a job
         * @description Answers `202` with `Location: /v1/jobs/{jobId}`; the finished job links to the file (see docs/jobs.md).
         *
         *     **Roles:** `admin` · **Scope:** `customers:read`
         */
        post: operations["startPortfolioExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a bulk import (CSV or NDJSON) with a named or inline mapping
         * @description JSON (`mapping`, optional first chunk as `data`), or the first chunk itself as `text/csv` / `application/x-ndjson` with `mapping`, `connectionId` and `complete` as query parameters.
         *
         *     **Roles:** `admin`, `crm` · **Scope:** `crm:ingest`
         */
        post: operations["createImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Progress and row errors of a bulk import
         * @description **Roles:** `admin`, `crm` · **Scope:** `crm:ingest`
         */
        get: operations["getImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{importId}/chunks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add one chunk (< 1 MB, with header row) to a bulk import
         * @description The chunk is read in the format the import was started with; an empty chunk with `complete=true` ends the import.
         *
         *     **Roles:** `admin`, `crm` · **Scope:** `crm:ingest`
         */
        post: operations["addImportChunk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound/hubspot/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * HubSpot webhook batch (signature v3)
         * @description `X-HubSpot-Signature-v3` over method, public URL, raw body and `X-HubSpot-Request-Timestamp` (at most 5 minutes old), keyed with the connection's `clientSecret`.
         *
         *     **Authentication:** the sender's own signature over the raw body (no API key).
         */
        post: operations["hubspotWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound/salesforce/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Salesforce change event (direct or EventBridge; HMAC or shared-secret header)
         * @description `x-riskbridge-signature: sha256=<hex HMAC-SHA256 of the raw body>`, or else `x-riskbridge-token: <secret>`, keyed with the connection's `inboundSecret`.
         *
         *     **Authentication:** the sender's own signature over the raw body (no API key).
         */
        post: operations["salesforceChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound/zoho/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Zoho CRM notification (channel token echo)
         * @description Zoho signs nothing: the notification echoes the `channel_id` and `token` the hub armed the channel with (`POST /v1/crm/connections/{connectionId}/channel`); both are compared in constant time.
         *
         *     **Authentication:** the sender's own signature over the raw body (no API key).
         */
        post: operations["zohoNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Post-incident reviews, newest first, optionally in one state
         * @description **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["listIncidents"];
        put?: never;
        /**
         * Open a post-incident review from alerts or a drill customer
         * @description A draft with impact (customers, open and overdue exposure per currency) and a timeline assembled from the events of the customers and the audit entries of the alerts and customers, oldest first. Each alert then carries the review's `incidentId`. An unknown alert or customer is 422 at its path.
         *
         *     **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["openIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{incidentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a post-incident review
         * @description **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["getIncident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change impact, root cause, contributing factors, actions, lessons (not once closed)
         * @description Each field given replaces the stored one. A closed review is 409 `incident_transition_refused`.
         *
         *     **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        patch: operations["updateIncident"];
        trace?: never;
    };
    "/v1/incidents/{incidentId}/export.md": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The review as a Markdown document
         * @description **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["exportIncident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{incidentId}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a review: in_review, back to draft, or closed (two people)
         * @description Allowed: `draft → in_review → closed`, `in_review → draft`. Closing takes two people: the first call asks (202 with the pending `incident.close` approval), a second person closes (200); the asker again is 409 `second_person_required`. Any other move is 409 `incident_transition_refused` with `current`.
         *
         *     **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["transitionIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's jobs, newest first (admins: everybody's); filter by status and kind
         * @description **Roles:** `admin`, `crm`, `partner`
         */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a job: status, progress, ETA and, once succeeded, a download link
         * @description While queued or running the answer carries `Retry-After`. Another caller's job is a 404 (admins see every job).
         *
         *     **Roles:** `admin`, `crm`, `partner`
         */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{jobId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a job (a queued job at once, a running one at its next step)
         * @description **Roles:** `admin`, `crm`, `partner`
         */
        post: operations["cancelJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling person (admin key or signed-in session): principal, scopes and person record
         * @description **Roles:** `admin`
         */
        get: operations["whoAmI"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/measures/{measureId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an emergency measure
         * @description **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["getMeasure"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/measures/{measureId}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lift an emergency measure (one the policy or the default definition took: four eyes)
         * @description A manual measure is lifted at once (200). One with origin `policy` or `default` needs two people: the first call answers 202 with the pending `measure.lift` approval; a second person calling the same route (or `POST /v1/approvals/{approvalId}/approve`) lifts it. The maker again: 403 `self_approval`. A measure that is not active: 409 `measure_transition_refused` with `current`.
         *
         *     **Roles:** `admin` · **Scope:** `alerts:manage`
         */
        post: operations["liftMeasure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/outcomes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk import of credit outcomes (customerId, defaulted, at) as CSV or NDJSON, idempotent
         * @description CSV with a header row `customerId,defaulted,at` or NDJSON of `{customerId, defaulted, at}`; `defaulted` is true/false (CSV also 1/0), `at` an ISO date-time. Up to 5000 rows. All or nothing: a malformed row or an unknown customer answers 422 with the row paths (`rows[3].at`) and records nothing. The same (customer, at, defaulted) sent again is counted in `duplicates`, not stored twice. Audited once (`outcomes.imported`, counts only).
         *
         *     **Roles:** `admin` · **Scope:** `policies:manage`
         */
        post: operations["importOutcomes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/assessment-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Assessment requests addressed to the calling partner
         * @description **Roles:** `partner` · **Scope:** `assessments:read`
         */
        get: operations["listAssessmentRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling partner's own submissions (paginated)
         * @description **Roles:** `partner` · **Scope:** `assessments:read`
         */
        get: operations["listOwnAssessments"];
        put?: never;
        /**
         * Submit an assessment for an engaged customer (idempotent by externalRef; triggers re-rating)
         * @description A customer that is unknown, not engaged, or whose engagement ended answers the same 403. The same `externalRef` with other content is a 409.
         *
         *     **Roles:** `partner` · **Scope:** `assessments:submit`
         */
        post: operations["submitAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reduced view of an engaged customer (no rating, no contact data)
         * @description **Roles:** `partner` · **Scope:** `customers:read`
         */
        get: operations["viewEngagedCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{partnerId}/accuracy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner's accuracy against realised defaults: AUC, calibration, suggested weight (never applied)
         * @description Each customer the partner assessed with a PD and whose outcome is known (a recorded outcome, else a defaulted rating in the history) counts once, with the partner's latest PD submitted no later than the outcome. Fewer than 50 outcomes or 10 defaults: `status: "insufficient_outcomes"`. The suggested weight goes into `partners.weights` only through a new policy version and its approval.
         *
         *     **Roles:** `admin` · **Scope:** `customers:read`
         */
        get: operations["partnerAccuracy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{partnerId}/assessment-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask a partner for an assessment (engages it; audited)
         * @description **Roles:** `admin` · **Scope:** `customers:write`
         */
        post: operations["requestAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{partnerId}/engagements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a partner's engagements
         * @description **Roles:** `admin` · **Scope:** `customers:read`
         */
        get: operations["listEngagements"];
        put?: never;
        /**
         * Engage a partner agency on a customer (audited)
         * @description The object-level grant behind every partner call. An active engagement with the same terms is answered as it is (200). An `expiresAt` that is not in the future is a 422; an engagement past its `expiresAt` reads as `expired` and grants nothing.
         *
         *     **Roles:** `admin` · **Scope:** `customers:write`
         */
        post: operations["engagePartner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{partnerId}/engagements/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End an engagement (audited)
         * @description **Roles:** `admin` · **Scope:** `customers:write`
         */
        delete: operations["endEngagement"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List people
         * @description **Roles:** `admin` · **Scope:** `people:manage`
         */
        get: operations["listPeople"];
        put?: never;
        /**
         * Create a person (risk officer); privileged roles wait for a second person
         * @description Roles: `admin`, `approver`, `analyst`, `auditor` (docs/people.md). `admin` and `approver` are asked for as `role.grant` approvals, except while the bootstrap key creates the first two admins. A role claim in an identity provider grants nothing.
         *
         *     **Roles:** `admin` · **Scope:** `people:manage`
         */
        post: operations["createPerson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/people/{personId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a person
         * @description **Roles:** `admin` · **Scope:** `people:manage`
         */
        get: operations["getPerson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/people/{personId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant a role (privileged roles: four eyes)
         * @description **Roles:** `admin` · **Scope:** `people:manage`
         */
        post: operations["grantRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/people/{personId}/roles/{role}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a role (at once)
         * @description **Roles:** `admin` · **Scope:** `people:manage`
         */
        delete: operations["revokeRole"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List policy versions with their lifecycle status
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        get: operations["listPolicies"];
        put?: never;
        /**
         * Create a draft risk policy (validated; 422 with field paths)
         * @description A policy document in format 2 (`schemaVersion: 2`, see docs/policy-format.md and `docs/schemas/risk-policy.schema.json`) or version 1 (no `schemaVersion`; migrated, answered in format 2). Every object in it is strict: unknown keys are refused with their paths, settings no version implements yet (in a version 1 document `alerts.cooldownHours`, `alerts.anomaly`) with `not_supported`. Cross-field rules (contiguous bins, monotonic master scale, complete RFM grid) answer 422 too, and so does an input that does not resolve to a canonical path or declared custom attribute of a usable type (`scoring.features[i].path`), a partner weight outside [0, 1], and a partner in `partners.weights` (v1: `partnerWeights`) the hub does not know (`unknown_partner` at `partners.weights.<id>`).
         *
         *     **Roles:** `admin` · **Scope:** `policies:manage`
         */
        post: operations["createPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/active": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The active policy record
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        get: operations["getActivePolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/training-data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Labelled training rows from the rating history (NDJSON, or JSON with ?format=json; paged by cursor)
         * @description One row per customer with an observation, keyed by feature id, with the label `defaulted`. NDJSON by default; with `format=json` the body is `{ rows, customers, skipped, bads, nextCursor? }` as `application/json`. While more customers follow, `x-next-cursor` carries the cursor for the next page.
         *
         *     **Roles:** `admin` · **Scope:** `policies:manage`
         */
        get: operations["exportTrainingData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One policy record (policy, status, approvals, backtest report)
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        get: operations["getPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{version}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate an approved policy and re-rate the portfolio (four eyes)
         * @description The first person asks (202 with the pending approval); a second person calling it again activates (200). The same person again: 403 `self_approval`.
         *
         *     **Roles:** `admin` · **Scope:** `policies:approve`
         */
        post: operations["activatePolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{version}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a backtested policy (not by its author)
         * @description Four eyes, comparing people: the author (with any of their keys or sessions) gets 403 `self_approval`; a key that belongs to no person (a service account, the bootstrap key) 403; a policy that is not backtested 409 `policy_transition_refused`.
         *
         *     **Roles:** `admin` · **Scope:** `policies:approve`
         */
        post: operations["approvePolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{version}/backtest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Backtest a draft on the current portfolio against the active policy
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        post: operations["backtestPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{version}/drift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The version's score drift series: one PSI point per day, oldest first (paged by cursor)
         * @description Written by the daily drift job (`check-score-drift`): the PSI of the live scores of active customers rated under the version against the score distribution its training stored (`training.scoreDistribution`), with the live and expected shares per bin and the customers counted. `drifted` is true above the threshold (`training.scoreDistribution.psiThreshold`, default 0.25); such a day also emitted `rating.drift_detected`. A version without a stored distribution has no points (an empty list).
         *
         *     **Roles:** `admin` · **Scope:** `policies:manage`
         */
        get: operations["listPolicyDrift"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{version}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-activate an earlier approved (retired) version (four eyes)
         * @description The first person asks (202 with the pending approval); a second person calling it again rolls back (200).
         *
         *     **Roles:** `admin` · **Scope:** `policies:approve`
         */
        post: operations["rollbackPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{version}/score": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Score records against a policy version (drafts too): one JSON record, or NDJSON of up to 1,000 rows
         * @description The engine live rating uses, on flat records keyed by the column a feature was trained on, its canonical path (`fields.country`, `aggregates.orders.count`, `custom.<name>`, `derived.<name>`) or its id; `rating.worstDaysPastDue` and `limit.*` columns feed the default definition and the limit (see docs/scoring.md). `application/json`: one record (a CRM scoring a prospect). `application/x-ndjson`: up to 1,000 rows and 1 MB, answered in order; a line that is not a flat JSON object is answered `insufficient_data` with `why`. More rows: 413 — score the file with `rb score`. A header from which no row can be rated: 422 `wrong_columns`.
         *
         *     **Roles:** `admin` · **Scope:** `policies:manage`
         */
        post: operations["scorePolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quarantine/{source}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Quarantined messages/payloads of a source (code, reason, time; never the bytes)
         * @description **Roles:** `admin` · **Scope:** `audit:read`
         */
        get: operations["listQuarantine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quarantine/{source}/{messageId}/payload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The exact quarantined bytes, gzip + base64 (audited)
         * @description **Roles:** `admin` · **Scope:** `audit:read`
         */
        get: operations["getQuarantinedPayload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Candidate matches waiting for review
         * @description **Roles:** `admin` · **Scope:** `customers:write`
         */
        get: operations["listReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews-due": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customers whose re-rating is late under the active policy's cadence, most late first
         * @description **Roles:** `admin` · **Scope:** `alerts:read`
         */
        get: operations["listReviewsDue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews/{reviewId}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dismiss a candidate match with a reason; both customers stay as they are (audited; 409 when decided)
         * @description **Roles:** `admin` · **Scope:** `customers:write`
         */
        post: operations["dismissReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rfm/fit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The stored RFM fit (edges, as-of date, segment counts)
         * @description **Roles:** `admin` · **Scope:** `policies:manage`
         */
        get: operations["getRfmFit"];
        put?: never;
        /**
         * Fit RFM quintile edges to the portfolio as of a date and store them
         * @description Reads every active customer with orders, measures recency, frequency and net sales as of `asOf` (default `auto`: the day after the latest order, for a historical file), fits quintile edges (recency by value, frequency and monetary by rank with ties broken by customer id) and answers the segment counts under the standard segment map (docs/rfm.md). The fit replaces the stored one; the scheduled refresh does the same as of now.
         *
         *     **Roles:** `admin` · **Scope:** `policies:manage`
         */
        post: operations["fitRfm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook subscriptions
         * @description **Roles:** `admin` · **Scope:** `subscriptions:manage`
         */
        get: operations["listSubscriptions"];
        put?: never;
        /**
         * Create a webhook subscription
         * @description The `url` must pass the outbound rules (https, allowed port, a host resolving to public addresses only): a refused URL is a 422 at `url`; a DNS outage while checking it is a 503 (`dns_unavailable`), nothing stored. Four eyes: a subscription whose events carry personal data (`customer.updated` without `fields`, or with fields reaching `profile.fields.<legalName|tradingName|email|phone|addressLine|city|postalCode>` or `profile.identifiers`) answers 202 with a `subscription.create` approval: it is stored disabled (`disabledReason: pending_approval`, `pendingApproval`) and delivers nothing until another person approves it.
         *
         *     **Roles:** `admin` · **Scope:** `subscriptions:manage`
         */
        post: operations["createSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a webhook subscription
         * @description **Roles:** `admin` · **Scope:** `subscriptions:manage`
         */
        get: operations["getSubscription"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook subscription
         * @description **Roles:** `admin` · **Scope:** `subscriptions:manage`
         */
        delete: operations["deleteSubscription"];
        options?: never;
        head?: never;
        /**
         * Enable or disable a subscription, or change its event types, fields or description
         * @description JSON merge patch (`fields: null` drops the projection). Narrowing, descriptions and switching on or off apply at once (200). A change that widens what a subscription carrying personal data delivers (event types or fields it did not have) answers 202 with a `subscription.widen` approval and changes nothing until another person approves it. A subscription waiting for its `subscription.create` approval cannot be changed or enabled: 409 `subscription_pending_approval`.
         *
         *     **Roles:** `admin` · **Scope:** `subscriptions:manage`
         */
        patch: operations["updateSubscription"];
        trace?: never;
    };
    "/v1/subscriptions/{subscriptionId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Delivery log of a subscription (newest first, with attempts)
         * @description **Roles:** `admin` · **Scope:** `subscriptions:manage`
         */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{subscriptionId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send one event ({ eventId }) or a time window ({ from, to }) again
         * @description **Roles:** `admin` · **Scope:** `subscriptions:manage`
         */
        post: operations["replayDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{subscriptionId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a new signing secret; old ones keep signing during the overlap
         * @description **Roles:** `admin` · **Scope:** `subscriptions:manage`
         */
        post: operations["rotateSubscriptionSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/write-backs/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Write one rating/limit event ({ eventId, target? }) back to the CRM records again
         * @description **Roles:** `admin` · **Scope:** `customers:write`
         */
        post: operations["replayWriteBack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AuditExportRange: {
            /**
             * Format: date-time
             * @description Start of the range (inclusive)
             */
            since: string;
            /**
             * Format: date-time
             * @description End of the range (exclusive)
             */
            until: string;
        };
        /** @description The console's sign-in methods besides an API key */
        ConsoleSignIn: {
            person?: {
                /**
                 * Format: uri
                 * @description Where the browser goes to sign in (OAuth 2.0 authorization code with PKCE)
                 */
                authorizationEndpoint: string;
                /**
                 * Format: uri
                 * @description Where the console exchanges the code for an access token
                 */
                tokenEndpoint: string;
                /** @description The public app client (no secret) */
                clientId: string;
            };
        };
        CrmCustomList: components["schemas"]["CrmCustomValue"][];
        CrmCustomObject: {
            [key: string]: components["schemas"]["CrmCustomValue"];
        };
        CrmCustomValue: string | number | boolean | null | components["schemas"]["CrmCustomList"] | components["schemas"]["CrmCustomObject"];
        CrmFieldSetupReport: {
            connectionId: string;
            crm: string;
            objectName: string;
            fields: {
                source: string;
                field: string;
                /** @enum {string} */
                status: "present" | "created" | "failed";
                reason?: string;
            }[];
            ready: boolean;
            /** Format: date-time */
            checkedAt: string;
        };
        CustomAttribute: {
            name: string;
            /** @enum {string} */
            type: "number" | "integer" | "boolean" | "category" | "date";
            label?: string;
            unit?: string;
            min?: number;
            max?: number;
            values?: string[];
            pii: boolean;
            /** @enum {string} */
            status: "active" | "deprecated";
            /** Format: date-time */
            declaredAt: string;
            declaredBy: string;
            /** Format: date-time */
            deprecatedAt?: string;
            deprecatedBy?: string;
        };
        CustomerMergePatch: {
            /** @enum {string} */
            kind?: "business" | "consumer";
            fields?: {
                legalName?: string | null;
                tradingName?: string | null;
                email?: string | null;
                phone?: string | null;
                country?: string | null;
                city?: string | null;
                addressLine?: string | null;
                postalCode?: string | null;
                industry?: string | null;
                website?: string | null;
            };
            /** Format: date-time */
            observedAt?: string;
        };
        CustomerProfile: {
            customerId: string;
            /** @enum {string} */
            kind: "business" | "consumer";
            /** @enum {string} */
            status: "active" | "merged" | "pending";
            mergedInto?: string;
            fields: {
                [key: string]: {
                    source: string;
                    /** Format: date-time */
                    observedAt: string;
                    recordId?: string;
                    /** Format: date-time */
                    sentAt?: string;
                    value: string | number | boolean;
                };
            };
            custom?: {
                [key: string]: {
                    source: string;
                    /** Format: date-time */
                    observedAt: string;
                    recordId?: string;
                    /** Format: date-time */
                    sentAt?: string;
                    value: string | number | boolean;
                };
            };
            tombstones?: {
                [key: string]: {
                    source: string;
                    /** Format: date-time */
                    observedAt: string;
                    recordId?: string;
                    /** Format: date-time */
                    sentAt?: string;
                };
            };
            identifiers: {
                source: string;
                /** Format: date-time */
                observedAt: string;
                recordId?: string;
                /** Format: date-time */
                sentAt?: string;
                /** @enum {string} */
                scheme: "cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external";
                value: string;
            }[];
            aggregates: {
                currency?: string;
                orders: {
                    count: number;
                    cancelledCount: number;
                    grossMinor: number;
                    netMinor: number;
                    /** Format: date-time */
                    firstOrderAt?: string;
                    /** Format: date-time */
                    lastOrderAt?: string;
                    /** Format: date-time */
                    lastPlacedAt?: string;
                    months: {
                        month: string;
                        orderCount: number;
                        netMinor: number;
                    }[];
                };
                exposure: {
                    openInvoiceCount: number;
                    openMinor: number;
                    overdueMinor: number;
                    /** Format: date-time */
                    oldestOpenDueAt?: string;
                    maxDaysPastDue: number;
                    openInvoices?: {
                        id: string;
                        /** Format: date-time */
                        dueAt: string;
                        openMinor: number;
                    }[];
                    untrackedOpenCount?: number;
                };
                payments: {
                    count: number;
                    paidMinor: number;
                    lateCount: number;
                    daysLateSum: number;
                    maxDaysLate: number;
                    /** Format: date-time */
                    lastPaymentAt?: string;
                };
            };
            credit: {
                [key: string]: {
                    /** @enum {string} */
                    bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                    product: string;
                    reportId: string;
                    /** Format: date-time */
                    pulledAt: string;
                    /** @enum {string} */
                    subjectMatch: "match" | "mismatch" | "review";
                    scores: {
                        model: string;
                        value: number;
                        min: number;
                        max: number;
                        /** @enum {string} */
                        direction: "higher_is_better" | "lower_is_better";
                        rawValue?: string;
                    }[];
                    tradelines: {
                        count: number;
                        delinquentCount: number;
                        worstDaysPastDue: number;
                        totalBalanceMinor: number;
                        totalPastDueMinor: number;
                        currency?: string;
                    };
                    inquiriesLast12Months: number;
                    publicRecords: {
                        bankruptcies: number;
                        judgments: number;
                        liens: number;
                        other: number;
                    };
                    collections: number;
                    business?: {
                        foundedYear?: number;
                        employees?: number;
                        paydex?: number;
                        failureScore?: {
                            model: string;
                            value: number;
                            min: number;
                            max: number;
                            /** @enum {string} */
                            direction: "higher_is_better" | "lower_is_better";
                            rawValue?: string;
                        };
                        delinquencyScore?: {
                            model: string;
                            value: number;
                            min: number;
                            max: number;
                            /** @enum {string} */
                            direction: "higher_is_better" | "lower_is_better";
                            rawValue?: string;
                        };
                        recommendedLimit?: {
                            amountMinor: number;
                            currency: string;
                        };
                    };
                };
            };
            assessments: {
                partnerId: string;
                assessmentId: string;
                grade?: string;
                pd?: number;
                score?: number;
                /** Format: date-time */
                submittedAt: string;
            }[];
            rating?: {
                /** @enum {string} */
                status: "rated" | "insufficient_data";
                policyVersion: number;
                score?: number;
                grade?: string;
                pd?: number;
                reasons: {
                    code: string;
                    text: string;
                    points?: number;
                    missingData?: boolean;
                }[];
                rfm?: {
                    r: number;
                    f: number;
                    m: number;
                    segment: string;
                };
                limit?: {
                    recommended: {
                        amountMinor: number;
                        currency: string;
                    };
                    factors: {
                        name: string;
                        value?: number;
                        reason: string;
                    }[];
                };
                inputsHash: string;
                /** Format: date-time */
                ratedAt: string;
                features?: {
                    [key: string]: number | string | null;
                };
                worstDaysPastDue?: number;
                defaulted?: boolean;
                warnings?: {
                    code: string;
                    text: string;
                }[];
                partnerInputs?: {
                    partnerId: string;
                    assessmentId: string;
                    pd: number;
                    weight: number;
                    share: number;
                    /** Format: date-time */
                    submittedAt: string;
                }[];
            };
            freeze?: {
                reason: string;
                /** Format: date-time */
                frozenAt: string;
                by: string;
                measureId?: string;
                /** Format: date-time */
                expiresAt?: string;
            };
            partnerConflict?: {
                assessmentId: string;
                partnerId: string;
                /** @enum {string} */
                against: "partner" | "hub";
                otherPartnerId?: string;
                logitDistance: number;
                notches: number;
                /** Format: date-time */
                detectedAt: string;
            };
            disputedInvoices?: {
                invoiceId: string;
                disputeId: string;
            }[];
            restrictions?: {
                creditHold: boolean;
                newOrdersBlocked: boolean;
                prepaymentRequired: boolean;
                shipmentsHeld: boolean;
                collections: boolean;
                limitCapMinor?: number;
                limitKeepPercent?: number;
                reasons: string[];
                measureIds: string[];
                /** @constant */
                confirmedOrdersUntouched: true;
            };
            version: number;
            sequence: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        EventEnvelope: {
            /** @description Event id (evt_ + ULID). The same on every retry, replay, subscription and queue: deduplicate on it. */
            id: string;
            type: string;
            version: number;
            /**
             * Format: date-time
             * @description When the change happened (ISO 8601).
             */
            occurredAt: string;
            /** @description The customer the event is about; absent for events about no customer. */
            customerId?: string;
            /** @description Present on events about a customer; increases per customer. Drop an event whose sequence is not above the highest one you applied for that customer and that kind of state. */
            sequence?: number;
            data: {
                [key: string]: unknown;
            };
        };
        /** Job */
        Job: {
            jobId: string;
            kind: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /** @description The parameters the job was started with */
            input: {
                [key: string]: unknown;
            };
            /** @description Principal that started the job */
            owner: string;
            progress: {
                done: number;
                total?: number;
            };
            /** @description Estimated completion while running, from the progress rate so far */
            eta?: string;
            cancelRequested: boolean;
            attempts: number;
            createdAt: string;
            startedAt?: string;
            finishedAt?: string;
            result?: {
                mediaType: string;
                bytes: number;
                rows?: number;
                fileName: string;
                /** @description Absent when the result is no longer downloadable */
                download?: {
                    /** @description Absolute URL of `GET /v1/downloads/{token}`; only the caller it was issued to can use it */
                    url: string;
                    /** @description After this instant the link answers 403 link_expired; read the job again for a fresh one */
                    expiresAt: string;
                };
            };
            error?: {
                code: string;
                message: string;
            };
            links: {
                self: string;
                cancel?: string;
            };
        };
        /** @description An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0) */
        OpenApiDocument: {
            openapi: string;
            info: {
                title: string;
                version: string;
            } & {
                [key: string]: unknown;
            };
            paths: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
        } & {
            [key: string]: unknown;
        };
        /** Problem details (RFC 9457) */
        Problem: {
            /** @description A stable URI per code; it resolves to the code's documentation */
            type: string;
            title: string;
            status: number;
            detail?: string;
            /** @description The request path */
            instance?: string;
            /** @description Stable machine-readable code (see the problem catalogue) */
            code: string;
            errors?: {
                /** @description Path of the failing value, relative to `in` (`items[2].amount`; `(root)` for the whole value) */
                path: string;
                message: string;
                code?: string;
                /** @enum {string} */
                in?: "body" | "query" | "path" | "header";
            }[];
            /** @description On a refused transition: the object as it stands now (e.g. the approval with its status and checkers) */
            current?: {
                [key: string]: unknown;
            };
        };
    };
    responses: {
        /** @description Bad Request (problem details: `malformed_input`) */
        Problem400: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unauthorized (problem details: `unauthorized`) */
        Problem401: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Forbidden (problem details: `forbidden`, `link_expired`, `link_invalid`, `self_approval`) */
        Problem403: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not Found (problem details: `not_found`) */
        Problem404: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Conflict (problem details: `agreement_revoked`, `conflict`, `job_final`, `idempotency_in_progress`, `approval_transition_refused`, `alert_transition_refused`, `dispute_transition_refused`, `dispute_already_open`, `incident_transition_refused`, `second_person_required`, `measure_transition_refused`, `policy_transition_refused`, `subscription_pending_approval`) */
        Problem409: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Content Too Large (problem details: `payload_too_large`) */
        Problem413: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unsupported Media Type (problem details: `unsupported_media_type`) */
        Problem415: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unprocessable Content (problem details: `validation_failed`, `consent_required`, `unsafe_url`, `crm_credentials_missing`, `crm_unauthorized`, `crm_forbidden`, `crm_rejected`, `crm_secret_not_bound`, `crm_redirect`, `response_too_large`, `no_rfm_data`, `no_history_before`, `storage_refused`) */
        Problem422: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too Many Requests (problem details: `budget_exceeded`, `rate_limited`) */
        Problem429: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Service Unavailable (problem details: `crm_timeout`, `crm_unreachable`, `crm_unavailable`, `crm_rate_limited`, `dns_unavailable`, `job_not_started`, `storage_busy`) */
        Problem503: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Page size (1–200, default 50). */
        Limit: number;
        /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
        Cursor: string;
        /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /** @description The request id; quote it when reporting a problem. */
        XRequestId: string;
        /** @description Seconds to wait before trying again. */
        RetryAfter: number;
        /** @description Requests the caller may make in the current window. */
        RateLimitLimit: number;
        /** @description Requests left in the current window. */
        RateLimitRemaining: number;
        /** @description Seconds until the window resets. */
        RateLimitReset: number;
        /** @description RFC 9745: the route is deprecated since this moment (`@<unix seconds>`). */
        Deprecation: string;
        /** @description RFC 8594: the route stops answering after this HTTP date. */
        Sunset: string;
        /** @description `<url>; rel="deprecation"`: where the replacement is described. */
        DeprecationLink: string;
        /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key` (absent otherwise). */
        IdempotentReplayed: "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    consoleIndex: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with a strict Content-Security-Policy */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The client's copy (If-None-Match) is current */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    consoleSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sign-in methods */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description `no-store` */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSignIn"];
                };
            };
        };
    };
    consoleAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                proxy: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with a strict Content-Security-Policy */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "text/javascript": string;
                    "text/css": string;
                    "image/svg+xml": string;
                    "text/plain": string;
                };
            };
            /** @description The client's copy (If-None-Match) is current */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
        };
    };
    getApiReference: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reference page; its Content-Security-Policy allows exactly its own inline scripts (by hash) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The client's copy (If-None-Match) is current */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            /** @description The client's copy (If-None-Match) is current */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listAgreements: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every agreement */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agreements: {
                            agreementId: string;
                            consultantRef: string;
                            datasets: ("portfolio_ratings" | "customer_profiles")[];
                            fields: {
                                [key: string]: "include" | "mask" | "hash" | "bucket" | "drop";
                            };
                            /** Format: date-time */
                            validFrom: string;
                            /** Format: date-time */
                            validUntil: string;
                            purpose: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            revokedAt?: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    createAgreement: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    agreementId: string;
                    consultantRef: string;
                    datasets: ("portfolio_ratings" | "customer_profiles")[];
                    fields: {
                        [key: string]: "include" | "mask" | "hash" | "bucket" | "drop";
                    };
                    /** Format: date-time */
                    validFrom: string;
                    /** Format: date-time */
                    validUntil: string;
                    purpose: string;
                };
            };
        };
        responses: {
            /** @description Asked for: another person grants it with POST /v1/approvals/{approvalId}/approve; nothing changes until then */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getAgreement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agreementId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agreement */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agreement: {
                            agreementId: string;
                            consultantRef: string;
                            datasets: ("portfolio_ratings" | "customer_profiles")[];
                            fields: {
                                [key: string]: "include" | "mask" | "hash" | "bucket" | "drop";
                            };
                            /** Format: date-time */
                            validFrom: string;
                            /** Format: date-time */
                            validUntil: string;
                            purpose: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            revokedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    revokeAgreement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agreementId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agreement: {
                            agreementId: string;
                            consultantRef: string;
                            datasets: ("portfolio_ratings" | "customer_profiles")[];
                            fields: {
                                [key: string]: "include" | "mask" | "hash" | "bucket" | "drop";
                            };
                            /** Format: date-time */
                            validFrom: string;
                            /** Format: date-time */
                            validUntil: string;
                            purpose: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            revokedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    updateAgreement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agreementId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    fields?: {
                        [key: string]: "include" | "mask" | "hash" | "bucket" | "drop";
                    };
                    /** Format: date-time */
                    validUntil?: string;
                    purpose?: string;
                };
                "application/merge-patch+json": {
                    fields?: {
                        [key: string]: "include" | "mask" | "hash" | "bucket" | "drop";
                    };
                    /** Format: date-time */
                    validUntil?: string;
                    purpose?: string;
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        agreement: {
                            agreementId: string;
                            consultantRef: string;
                            datasets: ("portfolio_ratings" | "customer_profiles")[];
                            fields: {
                                [key: string]: "include" | "mask" | "hash" | "bucket" | "drop";
                            };
                            /** Format: date-time */
                            validFrom: string;
                            /** Format: date-time */
                            validUntil: string;
                            purpose: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            revokedAt?: string;
                        };
                    };
                };
            };
            /** @description Asked for: another person grants it with POST /v1/approvals/{approvalId}/approve; nothing changes until then */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every key */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            keyId: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "crm" | "partner" | "consultant";
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read" | "people:manage" | "approvals:decide" | "alerts:read" | "alerts:manage")[];
                            tenantRef?: string;
                            personId?: string;
                            serviceAccountId?: string;
                            ownerPersonId?: string;
                            bootstrap?: boolean;
                            /** @enum {string} */
                            status: "active" | "revoked" | "pending";
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            rotatedFrom?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            lastUsedAt?: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    role: "admin" | "crm" | "partner" | "consultant";
                    scopes?: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read" | "people:manage" | "approvals:decide" | "alerts:read" | "alerts:manage")[];
                    /** @description Required for crm (CRM connection id), partner (partner id) and consultant (agreement holder) keys; the tenant must exist */
                    tenantRef?: string;
                    /** @description Admin keys: the person the key is for (default: the caller). For someone else the key waits for an approval */
                    personId?: string;
                    /**
                     * Format: date-time
                     * @description Must be in the future
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Issued; the plaintext key is shown once */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The plaintext key, shown once */
                        key: string;
                        record: {
                            keyId: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "crm" | "partner" | "consultant";
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read" | "people:manage" | "approvals:decide" | "alerts:read" | "alerts:manage")[];
                            tenantRef?: string;
                            personId?: string;
                            serviceAccountId?: string;
                            ownerPersonId?: string;
                            bootstrap?: boolean;
                            /** @enum {string} */
                            status: "active" | "revoked" | "pending";
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            rotatedFrom?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            lastUsedAt?: string;
                        };
                    };
                };
            };
            /** @description Issued for another person, pending approval; the plaintext key is shown once */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The plaintext key, shown once */
                        key: string;
                        record: {
                            keyId: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "crm" | "partner" | "consultant";
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read" | "people:manage" | "approvals:decide" | "alerts:read" | "alerts:manage")[];
                            tenantRef?: string;
                            personId?: string;
                            serviceAccountId?: string;
                            ownerPersonId?: string;
                            bootstrap?: boolean;
                            /** @enum {string} */
                            status: "active" | "revoked" | "pending";
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            rotatedFrom?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            lastUsedAt?: string;
                        };
                        /** @description The key works once a second person approves this */
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        record: {
                            keyId: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "crm" | "partner" | "consultant";
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read" | "people:manage" | "approvals:decide" | "alerts:read" | "alerts:manage")[];
                            tenantRef?: string;
                            personId?: string;
                            serviceAccountId?: string;
                            ownerPersonId?: string;
                            bootstrap?: boolean;
                            /** @enum {string} */
                            status: "active" | "revoked" | "pending";
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            rotatedFrom?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            lastUsedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The replacement key, shown once */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The plaintext key, shown once */
                        key: string;
                        record: {
                            keyId: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "crm" | "partner" | "consultant";
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read" | "people:manage" | "approvals:decide" | "alerts:read" | "alerts:manage")[];
                            tenantRef?: string;
                            personId?: string;
                            serviceAccountId?: string;
                            ownerPersonId?: string;
                            bootstrap?: boolean;
                            /** @enum {string} */
                            status: "active" | "revoked" | "pending";
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            rotatedFrom?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            lastUsedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listLifecycleAlerts: {
        parameters: {
            query?: {
                /** @description Lifecycle state to list (default `open`) */
                status?: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                severity?: "info" | "warning" | "critical";
                /** @description Exact assignee, e.g. `person:li-wei` */
                assignee?: string;
                /** @description Rule id, e.g. `dpd` or `downgrade` */
                rule?: string;
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of alerts */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alerts: {
                            alertId: string;
                            customerId: string;
                            rule: string;
                            kind: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            dedupeKey: string;
                            message: string;
                            details: {
                                [key: string]: string | number | boolean;
                            };
                            /** @enum {string} */
                            status: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                            assignee?: string;
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** @enum {string} */
                                to: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                note?: string;
                            }[];
                            /** Format: date-time */
                            raisedAt: string;
                            /** Format: date-time */
                            acknowledgeBy: string;
                            /** Format: date-time */
                            resolveBy: string;
                            /** Format: date-time */
                            snoozedUntil?: string;
                            escalations: number;
                            policyVersion?: number;
                            causedBy?: string;
                            measureIds: string[];
                            incidentId?: string;
                            drill?: boolean;
                            version: number;
                        }[];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                since?: string;
                until?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alerts in the window */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alerts: {
                            alertId: string;
                            rule: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            message: string;
                            measures: string[];
                            policyVersion?: number;
                            /** Format: date-time */
                            raisedAt: string;
                            eventId: string;
                            customerId?: string;
                            occurredAt: string;
                        }[];
                        since: string;
                        until: string;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alertId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The alert */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alert: {
                            alertId: string;
                            customerId: string;
                            rule: string;
                            kind: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            dedupeKey: string;
                            message: string;
                            details: {
                                [key: string]: string | number | boolean;
                            };
                            /** @enum {string} */
                            status: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                            assignee?: string;
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** @enum {string} */
                                to: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                note?: string;
                            }[];
                            /** Format: date-time */
                            raisedAt: string;
                            /** Format: date-time */
                            acknowledgeBy: string;
                            /** Format: date-time */
                            resolveBy: string;
                            /** Format: date-time */
                            snoozedUntil?: string;
                            escalations: number;
                            policyVersion?: number;
                            causedBy?: string;
                            measureIds: string[];
                            incidentId?: string;
                            drill?: boolean;
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    assignAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alertId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The person who works the alert (a person id) */
                    assignee: string;
                };
            };
        };
        responses: {
            /** @description The alert as it now stands */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alert: {
                            alertId: string;
                            customerId: string;
                            rule: string;
                            kind: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            dedupeKey: string;
                            message: string;
                            details: {
                                [key: string]: string | number | boolean;
                            };
                            /** @enum {string} */
                            status: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                            assignee?: string;
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** @enum {string} */
                                to: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                note?: string;
                            }[];
                            /** Format: date-time */
                            raisedAt: string;
                            /** Format: date-time */
                            acknowledgeBy: string;
                            /** Format: date-time */
                            resolveBy: string;
                            /** Format: date-time */
                            snoozedUntil?: string;
                            escalations: number;
                            policyVersion?: number;
                            causedBy?: string;
                            measureIds: string[];
                            incidentId?: string;
                            drill?: boolean;
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    commentAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alertId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                };
            };
        };
        responses: {
            /** @description The alert as it now stands */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alert: {
                            alertId: string;
                            customerId: string;
                            rule: string;
                            kind: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            dedupeKey: string;
                            message: string;
                            details: {
                                [key: string]: string | number | boolean;
                            };
                            /** @enum {string} */
                            status: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                            assignee?: string;
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** @enum {string} */
                                to: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                note?: string;
                            }[];
                            /** Format: date-time */
                            raisedAt: string;
                            /** Format: date-time */
                            acknowledgeBy: string;
                            /** Format: date-time */
                            resolveBy: string;
                            /** Format: date-time */
                            snoozedUntil?: string;
                            escalations: number;
                            policyVersion?: number;
                            causedBy?: string;
                            measureIds: string[];
                            incidentId?: string;
                            drill?: boolean;
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    transitionAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alertId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    to: "acknowledged";
                    note?: string;
                } | {
                    /** @constant */
                    to: "snoozed";
                    /**
                     * Format: date-time
                     * @description When the snooze wakes the alert (to `acknowledged`)
                     */
                    until: string;
                    note?: string;
                } | {
                    /** @constant */
                    to: "resolved";
                    note?: string;
                } | {
                    /** @constant */
                    to: "false_positive";
                    /** @description Why it was a false positive (required) */
                    note: string;
                };
            };
        };
        responses: {
            /** @description The alert as it now stands */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        alert: {
                            alertId: string;
                            customerId: string;
                            rule: string;
                            kind: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            dedupeKey: string;
                            message: string;
                            details: {
                                [key: string]: string | number | boolean;
                            };
                            /** @enum {string} */
                            status: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                            assignee?: string;
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** @enum {string} */
                                to: "open" | "acknowledged" | "snoozed" | "resolved" | "false_positive";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                note?: string;
                            }[];
                            /** Format: date-time */
                            raisedAt: string;
                            /** Format: date-time */
                            acknowledgeBy: string;
                            /** Format: date-time */
                            resolveBy: string;
                            /** Format: date-time */
                            snoozedUntil?: string;
                            escalations: number;
                            policyVersion?: number;
                            causedBy?: string;
                            measureIds: string[];
                            incidentId?: string;
                            drill?: boolean;
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listApprovals: {
        parameters: {
            query?: {
                status?: "pending" | "granted" | "rejected" | "expired";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The approvals */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approvals: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getApproval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approvalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The approval */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    approveApproval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approvalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Approved; `executed` tells whether the action ran */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                        /** @description True when this approval met the quorum and the action ran */
                        executed: boolean;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    rejectApproval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approvalId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Rejected */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                /** @description Who acted (principal id) */
                actor?: string;
                action?: string;
                /** @description The entry's subject as recorded (`target`), e.g. customer:c-1 */
                object?: string;
                since?: string;
                until?: string;
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of audit entries */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description In time order (then chain, seq) */
                        entries: {
                            chain: string;
                            seq: number;
                            /** Format: date-time */
                            at: string;
                            actor: string;
                            action: string;
                            target: string;
                            details: {
                                [key: string]: unknown;
                            };
                            prevHash: string;
                            hash: string;
                        }[];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    startAuditExport: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuditExportRange"];
            };
        };
        responses: {
            /** @description Accepted: the job runs in the background. Poll `Location` (after `Retry-After` seconds) until it is final. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    /** @description The job: `/v1/jobs/{jobId}` */
                    Location?: string;
                    /** @description Seconds to wait before polling again; present while the job is queued or running */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        job: components["schemas"]["Job"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    verifyAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verdict per chain and for the checkpoint */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description True when every chain verifies and agrees with the latest signed checkpoint */
                        ok: boolean;
                        /** @description The latest checkpoint (signature and link to its predecessor); null before the first */
                        checkpoint: {
                            seq: number;
                            at: string;
                            keyId: string;
                            ok: boolean;
                            reason?: string;
                        } | null;
                        chains: {
                            chain: string;
                            ok: boolean;
                            entries: number;
                            brokenAt?: number;
                            /** @description Why the chain fails (edited, truncated, head missing, chain missing, unknown chain, checkpoint invalid) */
                            reason?: string;
                            /** @description The head seq the latest checkpoint signs for (0: none) */
                            anchoredSeq?: number;
                            /** @description Entries after the checkpointed head: intact, not yet signed for */
                            unanchored?: number;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    listBureauReviews: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest open reviews */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        reviews: {
                            customerId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                            reportId: string;
                            pullId: string;
                            reasons: string[];
                            at: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    acceptBureauReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reviewId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted; the report is merged into the profile */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        review: {
                            customerId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                            reportId: string;
                            pullId: string;
                            reasons: string[];
                            at: string;
                        };
                        decision: {
                            /** @enum {string} */
                            decision: "accepted" | "dismissed";
                            at: string;
                            by: string;
                            reason?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    dismissBureauReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reviewId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Dismissed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        review: {
                            customerId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                            reportId: string;
                            pullId: string;
                            reasons: string[];
                            at: string;
                        };
                        decision: {
                            /** @enum {string} */
                            decision: "accepted" | "dismissed";
                            at: string;
                            by: string;
                            reason?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    importMetro2: {
        parameters: {
            query: {
                /** @description The bureau the file is attributed to: the reports land in profile.credit[bureau] (a Metro 2 file names none) */
                bureau: "experian" | "equifax" | "transunion";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/plain": string;
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Imported (or quarantined); the outcome of every consumer */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        import: {
                            importId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion";
                            /**
                             * @description `quarantined`: the file is broken (reason in `quarantine`); its bytes are at GET /v1/quarantine/metro2/{importId}/payload
                             * @enum {string}
                             */
                            status: "imported" | "quarantined";
                            receivedAt: string;
                            importedBy: string;
                            bytes: number;
                            sha256: string;
                            reporter?: string;
                            subjects: {
                                /** @description Position of the consumer in the file (first appearance) */
                                index: number;
                                reportId: string;
                                accounts: number;
                                /** @enum {string} */
                                outcome: "merged" | "review";
                                customerId?: string;
                                /** @description Why it is held: no_matching_customer, ambiguous (several customers match), weak_match (name or address not conclusive) */
                                reason?: string;
                                candidates?: string[];
                            }[];
                            merged: number;
                            review: number;
                            quarantine?: {
                                code: string;
                                reason: string;
                            };
                            /** @default [] */
                            warnings: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getMetro2Import: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The import */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        import: {
                            importId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion";
                            /**
                             * @description `quarantined`: the file is broken (reason in `quarantine`); its bytes are at GET /v1/quarantine/metro2/{importId}/payload
                             * @enum {string}
                             */
                            status: "imported" | "quarantined";
                            receivedAt: string;
                            importedBy: string;
                            bytes: number;
                            sha256: string;
                            reporter?: string;
                            subjects: {
                                /** @description Position of the consumer in the file (first appearance) */
                                index: number;
                                reportId: string;
                                accounts: number;
                                /** @enum {string} */
                                outcome: "merged" | "review";
                                customerId?: string;
                                /** @description Why it is held: no_matching_customer, ambiguous (several customers match), weak_match (name or address not conclusive) */
                                reason?: string;
                                candidates?: string[];
                            }[];
                            merged: number;
                            review: number;
                            quarantine?: {
                                code: string;
                                reason: string;
                            };
                            /** @default [] */
                            warnings: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getBureauPullRaw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a pull id (pull_…) */
                pullId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The raw payload with its digest */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description `no-store`: the body holds bureau data */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pullId: string;
                        customerId: string;
                        /** @enum {string} */
                        bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                        /** @enum {string} */
                        status: "queued" | "completed" | "review" | "failed";
                        reportId?: string;
                        /**
                         * @description `archive`: the answer a report was normalised from; `quarantine`: an answer that could not be normalised
                         * @enum {string}
                         */
                        origin: "archive" | "quarantine";
                        contentType?: string;
                        sha256: string;
                        /** @description Size of the raw payload, uncompressed */
                        bytes: number;
                        /** @constant */
                        encoding: "gzip+base64";
                        /** @description The bytes as received, gzip-compressed, base64 */
                        payload: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getBureauReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reportId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report and its lineage */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description `no-store`: the body holds bureau data */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        report: {
                            /**
                             * @default 1
                             * @constant
                             */
                            schemaVersion: 1;
                            reportId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                            product: string;
                            /** Format: date-time */
                            pulledAt: string;
                            requestId: string;
                            bureauReference?: string;
                            currency: string;
                            subject: {
                                /** @enum {string} */
                                kind: "consumer" | "business";
                                /** @default [] */
                                names: {
                                    full?: string;
                                    first?: string;
                                    middle?: string;
                                    last?: string;
                                    suffix?: string;
                                    /**
                                     * @default primary
                                     * @enum {string}
                                     */
                                    type: "primary" | "aka" | "former" | "legal" | "trading";
                                }[];
                                /** @default [] */
                                identifiers: {
                                    scheme: string;
                                    value: string;
                                }[];
                                /** @default [] */
                                addresses: {
                                    /** @default [] */
                                    lines: string[];
                                    city?: string;
                                    region?: string;
                                    postalCode?: string;
                                    country?: string;
                                    /**
                                     * @default unknown
                                     * @enum {string}
                                     */
                                    type: "current" | "previous" | "registered" | "trading" | "unknown";
                                    reportedAt?: {
                                        /** @constant */
                                        precision: "day";
                                        /** Format: date */
                                        value: string;
                                    } | {
                                        /** @constant */
                                        precision: "month";
                                        value: string;
                                    } | {
                                        /** @constant */
                                        precision: "year";
                                        value: string;
                                    };
                                }[];
                                dateOfBirth?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                deceased?: boolean;
                            };
                            /** @default [] */
                            scores: {
                                model: string;
                                value: number;
                                min: number;
                                max: number;
                                /** @enum {string} */
                                direction: "higher_is_better" | "lower_is_better";
                                rawValue?: string;
                                /** @default [] */
                                reasons: {
                                    code: string;
                                    text?: string;
                                }[];
                                source?: string;
                            }[];
                            /** @default [] */
                            tradelines: {
                                accountRef?: string;
                                creditor?: {
                                    name?: string;
                                    code?: string;
                                };
                                type: {
                                    /** @enum {string} */
                                    value: "revolving" | "installment" | "mortgage" | "open" | "line_of_credit" | "lease" | "trade_credit" | "other" | "unknown";
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                accountType?: {
                                    value: string;
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                ownership?: {
                                    /** @enum {string} */
                                    value: "individual" | "joint" | "authorized_user" | "cosigner" | "business" | "terminated" | "unknown";
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                opened?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                closed?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                reportedAt?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                lastPaymentAt?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                creditLimit?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                highCredit?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                balance?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                pastDue?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                monthlyPayment?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                chargedOff?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                daysPastDue?: number;
                                status: {
                                    /** @enum {string} */
                                    value: "current" | "past_due" | "paid" | "paid_derogatory" | "closed" | "transferred" | "collection" | "charge_off" | "repossession" | "voluntary_surrender" | "foreclosure" | "bankruptcy" | "settled" | "insurance_claim" | "deleted" | "unknown";
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                /** @default [] */
                                paymentHistory: {
                                    month?: string;
                                    status: {
                                        /** @enum {string} */
                                        value: "current" | "days_30_59" | "days_60_89" | "days_90_119" | "days_120_149" | "days_150_179" | "days_180_plus" | "days_120_plus" | "zero_balance" | "too_new" | "no_history" | "not_reported" | "collection" | "foreclosure" | "voluntary_surrender" | "repossession" | "charge_off" | "bankruptcy" | "debt_management_plan" | "unknown";
                                        raw: string;
                                        /** @enum {string} */
                                        scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                    };
                                }[];
                                classification?: {
                                    /** @enum {string} */
                                    value: "normal" | "special_mention" | "substandard" | "doubtful" | "loss";
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                open?: boolean;
                                source?: string;
                            }[];
                            /** @default [] */
                            inquiries: {
                                date?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                subscriber?: {
                                    name?: string;
                                    code?: string;
                                };
                                type?: {
                                    /** @enum {string} */
                                    value: "hard" | "soft" | "account_review" | "promotional" | "unknown";
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                purpose?: {
                                    value: string;
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                amount?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                source?: string;
                            }[];
                            /** @default [] */
                            publicRecords: {
                                type: {
                                    /** @enum {string} */
                                    value: "bankruptcy" | "judgment" | "lien" | "court_enforcement" | "dishonest_debtor" | "civil_suit" | "other";
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                status?: {
                                    /** @enum {string} */
                                    value: "open" | "filed" | "discharged" | "dismissed" | "satisfied" | "released" | "withdrawn" | "unknown";
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                filed?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                resolved?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                amount?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                court?: string;
                                reference?: string;
                                source?: string;
                            }[];
                            /** @default [] */
                            collections: {
                                agency?: {
                                    name?: string;
                                    code?: string;
                                };
                                originalCreditor?: string;
                                assigned?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                lastActivity?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                originalAmount?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                balance?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                status: {
                                    /** @enum {string} */
                                    value: "unpaid" | "paid" | "settled" | "disputed" | "unknown";
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                source?: string;
                            }[];
                            business?: {
                                founded?: {
                                    /** @constant */
                                    precision: "day";
                                    /** Format: date */
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "month";
                                    value: string;
                                } | {
                                    /** @constant */
                                    precision: "year";
                                    value: string;
                                };
                                employees?: {
                                    value: number;
                                    /** @default false */
                                    estimated: boolean;
                                };
                                turnover?: {
                                    amountMinor: number;
                                    currency: string;
                                    year?: number;
                                };
                                industry?: {
                                    value: string;
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                legalForm?: {
                                    value: string;
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                status?: {
                                    /** @enum {string} */
                                    value: "active" | "inactive" | "dissolved" | "insolvent" | "unknown";
                                    raw: string;
                                    /** @enum {string} */
                                    scheme: "metro2" | "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc" | "iso" | "derived";
                                };
                                paymentIndex?: {
                                    model: string;
                                    value: number;
                                    min: number;
                                    max: number;
                                    /** @enum {string} */
                                    direction: "higher_is_better" | "lower_is_better";
                                    rawValue?: string;
                                    /** @default [] */
                                    reasons: {
                                        code: string;
                                        text?: string;
                                    }[];
                                    source?: string;
                                };
                                failureScore?: {
                                    model: string;
                                    value: number;
                                    min: number;
                                    max: number;
                                    /** @enum {string} */
                                    direction: "higher_is_better" | "lower_is_better";
                                    rawValue?: string;
                                    /** @default [] */
                                    reasons: {
                                        code: string;
                                        text?: string;
                                    }[];
                                    source?: string;
                                };
                                delinquencyScore?: {
                                    model: string;
                                    value: number;
                                    min: number;
                                    max: number;
                                    /** @enum {string} */
                                    direction: "higher_is_better" | "lower_is_better";
                                    rawValue?: string;
                                    /** @default [] */
                                    reasons: {
                                        code: string;
                                        text?: string;
                                    }[];
                                    source?: string;
                                };
                                recommendedCreditLimit?: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                daysBeyondTerms?: number;
                                source?: string;
                            };
                            /** @default [] */
                            warnings: {
                                path: string;
                                message: string;
                            }[];
                        };
                        lineage: {
                            customerId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                            product?: string;
                            pullId?: string;
                            importId?: string;
                            pulledAt: string;
                            contentType: string;
                            /** @enum {string} */
                            subjectMatch: "match" | "review" | "mismatch";
                            reportId: string;
                            /** @description True when the report's summary is (or was) merged into the profile; false while only archived (subject mismatch) */
                            merged: boolean;
                            /** @description The reviewer decision when the report was held for a subject-mismatch review */
                            review?: {
                                /** @enum {string} */
                                decision: "accepted" | "dismissed";
                                at: string;
                                by: string;
                                reason?: string;
                            };
                            /** @description `sha256:<hex>` of the raw payload as received (read it at GET /v1/bureau/pulls/{pullId}/raw) */
                            rawSha256: string;
                            rawBytes: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listConnections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every connection (secret names, never secrets) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connections: {
                            connectionId: string;
                            /** @enum {string} */
                            crm: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                            /** Format: uri */
                            apiBaseUrl?: string;
                            /** Format: uri */
                            authBaseUrl?: string;
                            objects: {
                                [key: string]: {
                                    /** @enum {string} */
                                    objectType: "customer" | "order" | "invoice" | "payment";
                                    idPath: string;
                                    modifiedAtPath: string;
                                    /** @default [] */
                                    fields: {
                                        from: string | string[];
                                        to: string;
                                        /** @default [] */
                                        transforms: ({
                                            /** @constant */
                                            kind: "trim";
                                        } | {
                                            /** @constant */
                                            kind: "lowercase";
                                        } | {
                                            /** @constant */
                                            kind: "uppercase";
                                        } | {
                                            /** @constant */
                                            kind: "e164";
                                            defaultCallingCode?: string;
                                        } | {
                                            /** @constant */
                                            kind: "date";
                                        } | {
                                            /** @constant */
                                            kind: "money";
                                            currencyPath?: string;
                                            fixedCurrency?: string;
                                        } | {
                                            /** @constant */
                                            kind: "enum";
                                            map: {
                                                [key: string]: string | number | boolean;
                                            };
                                            default?: string | number | boolean;
                                        })[];
                                    }[];
                                    /** @default [] */
                                    identifiers: {
                                        from: string;
                                        /** @enum {string} */
                                        scheme: "cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external";
                                        /** @default [] */
                                        transforms: ({
                                            /** @constant */
                                            kind: "trim";
                                        } | {
                                            /** @constant */
                                            kind: "lowercase";
                                        } | {
                                            /** @constant */
                                            kind: "uppercase";
                                        } | {
                                            /** @constant */
                                            kind: "e164";
                                            defaultCallingCode?: string;
                                        } | {
                                            /** @constant */
                                            kind: "date";
                                        } | {
                                            /** @constant */
                                            kind: "money";
                                            currencyPath?: string;
                                            fixedCurrency?: string;
                                        } | {
                                            /** @constant */
                                            kind: "enum";
                                            map: {
                                                [key: string]: string | number | boolean;
                                            };
                                            default?: string | number | boolean;
                                        })[];
                                    }[];
                                    /** @default {} */
                                    constants: {
                                        [key: string]: string | number | boolean;
                                    };
                                    customKeyPattern?: string;
                                };
                            };
                            /** @default {} */
                            credentials: {
                                [key: string]: string;
                            };
                            writeBack?: {
                                objectName: string;
                                fields: {
                                    [key: string]: string;
                                };
                            };
                            /** @default [] */
                            integrationUsers: string[];
                            actingUserId?: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    getConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connection configuration */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connection: {
                            connectionId: string;
                            /** @enum {string} */
                            crm: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                            /** Format: uri */
                            apiBaseUrl?: string;
                            /** Format: uri */
                            authBaseUrl?: string;
                            objects: {
                                [key: string]: {
                                    /** @enum {string} */
                                    objectType: "customer" | "order" | "invoice" | "payment";
                                    idPath: string;
                                    modifiedAtPath: string;
                                    /** @default [] */
                                    fields: {
                                        from: string | string[];
                                        to: string;
                                        /** @default [] */
                                        transforms: ({
                                            /** @constant */
                                            kind: "trim";
                                        } | {
                                            /** @constant */
                                            kind: "lowercase";
                                        } | {
                                            /** @constant */
                                            kind: "uppercase";
                                        } | {
                                            /** @constant */
                                            kind: "e164";
                                            defaultCallingCode?: string;
                                        } | {
                                            /** @constant */
                                            kind: "date";
                                        } | {
                                            /** @constant */
                                            kind: "money";
                                            currencyPath?: string;
                                            fixedCurrency?: string;
                                        } | {
                                            /** @constant */
                                            kind: "enum";
                                            map: {
                                                [key: string]: string | number | boolean;
                                            };
                                            default?: string | number | boolean;
                                        })[];
                                    }[];
                                    /** @default [] */
                                    identifiers: {
                                        from: string;
                                        /** @enum {string} */
                                        scheme: "cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external";
                                        /** @default [] */
                                        transforms: ({
                                            /** @constant */
                                            kind: "trim";
                                        } | {
                                            /** @constant */
                                            kind: "lowercase";
                                        } | {
                                            /** @constant */
                                            kind: "uppercase";
                                        } | {
                                            /** @constant */
                                            kind: "e164";
                                            defaultCallingCode?: string;
                                        } | {
                                            /** @constant */
                                            kind: "date";
                                        } | {
                                            /** @constant */
                                            kind: "money";
                                            currencyPath?: string;
                                            fixedCurrency?: string;
                                        } | {
                                            /** @constant */
                                            kind: "enum";
                                            map: {
                                                [key: string]: string | number | boolean;
                                            };
                                            default?: string | number | boolean;
                                        })[];
                                    }[];
                                    /** @default {} */
                                    constants: {
                                        [key: string]: string | number | boolean;
                                    };
                                    customKeyPattern?: string;
                                };
                            };
                            /** @default {} */
                            credentials: {
                                [key: string]: string;
                            };
                            writeBack?: {
                                objectName: string;
                                fields: {
                                    [key: string]: string;
                                };
                            };
                            /** @default [] */
                            integrationUsers: string[];
                            actingUserId?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    putConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Start from this CRM's default mapping; the given fields replace its top-level fields
                     * @enum {string}
                     */
                    template?: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                    connectionId?: string;
                    /** @enum {string} */
                    crm?: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                    /** Format: uri */
                    apiBaseUrl?: string;
                    /** Format: uri */
                    authBaseUrl?: string;
                    objects?: {
                        [key: string]: {
                            /** @enum {string} */
                            objectType: "customer" | "order" | "invoice" | "payment";
                            idPath: string;
                            modifiedAtPath: string;
                            /** @default [] */
                            fields?: {
                                from: string | string[];
                                to: string;
                                /** @default [] */
                                transforms?: ({
                                    /** @constant */
                                    kind: "trim";
                                } | {
                                    /** @constant */
                                    kind: "lowercase";
                                } | {
                                    /** @constant */
                                    kind: "uppercase";
                                } | {
                                    /** @constant */
                                    kind: "e164";
                                    defaultCallingCode?: string;
                                } | {
                                    /** @constant */
                                    kind: "date";
                                } | {
                                    /** @constant */
                                    kind: "money";
                                    currencyPath?: string;
                                    fixedCurrency?: string;
                                } | {
                                    /** @constant */
                                    kind: "enum";
                                    map: {
                                        [key: string]: string | number | boolean;
                                    };
                                    default?: string | number | boolean;
                                })[];
                            }[];
                            /** @default [] */
                            identifiers?: {
                                from: string;
                                /** @enum {string} */
                                scheme: "cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external";
                                /** @default [] */
                                transforms?: ({
                                    /** @constant */
                                    kind: "trim";
                                } | {
                                    /** @constant */
                                    kind: "lowercase";
                                } | {
                                    /** @constant */
                                    kind: "uppercase";
                                } | {
                                    /** @constant */
                                    kind: "e164";
                                    defaultCallingCode?: string;
                                } | {
                                    /** @constant */
                                    kind: "date";
                                } | {
                                    /** @constant */
                                    kind: "money";
                                    currencyPath?: string;
                                    fixedCurrency?: string;
                                } | {
                                    /** @constant */
                                    kind: "enum";
                                    map: {
                                        [key: string]: string | number | boolean;
                                    };
                                    default?: string | number | boolean;
                                })[];
                            }[];
                            /** @default {} */
                            constants?: {
                                [key: string]: string | number | boolean;
                            };
                            customKeyPattern?: string;
                        };
                    };
                    credentials?: {
                        [key: string]: string;
                    };
                    writeBack?: {
                        objectName: string;
                        fields: {
                            [key: string]: string;
                        };
                    };
                    integrationUsers?: string[];
                    actingUserId?: string;
                };
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connection: {
                            connectionId: string;
                            /** @enum {string} */
                            crm: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                            /** Format: uri */
                            apiBaseUrl?: string;
                            /** Format: uri */
                            authBaseUrl?: string;
                            objects: {
                                [key: string]: {
                                    /** @enum {string} */
                                    objectType: "customer" | "order" | "invoice" | "payment";
                                    idPath: string;
                                    modifiedAtPath: string;
                                    /** @default [] */
                                    fields: {
                                        from: string | string[];
                                        to: string;
                                        /** @default [] */
                                        transforms: ({
                                            /** @constant */
                                            kind: "trim";
                                        } | {
                                            /** @constant */
                                            kind: "lowercase";
                                        } | {
                                            /** @constant */
                                            kind: "uppercase";
                                        } | {
                                            /** @constant */
                                            kind: "e164";
                                            defaultCallingCode?: string;
                                        } | {
                                            /** @constant */
                                            kind: "date";
                                        } | {
                                            /** @constant */
                                            kind: "money";
                                            currencyPath?: string;
                                            fixedCurrency?: string;
                                        } | {
                                            /** @constant */
                                            kind: "enum";
                                            map: {
                                                [key: string]: string | number | boolean;
                                            };
                                            default?: string | number | boolean;
                                        })[];
                                    }[];
                                    /** @default [] */
                                    identifiers: {
                                        from: string;
                                        /** @enum {string} */
                                        scheme: "cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external";
                                        /** @default [] */
                                        transforms: ({
                                            /** @constant */
                                            kind: "trim";
                                        } | {
                                            /** @constant */
                                            kind: "lowercase";
                                        } | {
                                            /** @constant */
                                            kind: "uppercase";
                                        } | {
                                            /** @constant */
                                            kind: "e164";
                                            defaultCallingCode?: string;
                                        } | {
                                            /** @constant */
                                            kind: "date";
                                        } | {
                                            /** @constant */
                                            kind: "money";
                                            currencyPath?: string;
                                            fixedCurrency?: string;
                                        } | {
                                            /** @constant */
                                            kind: "enum";
                                            map: {
                                                [key: string]: string | number | boolean;
                                            };
                                            default?: string | number | boolean;
                                        })[];
                                    }[];
                                    /** @default {} */
                                    constants: {
                                        [key: string]: string | number | boolean;
                                    };
                                    customKeyPattern?: string;
                                };
                            };
                            /** @default {} */
                            credentials: {
                                [key: string]: string;
                            };
                            writeBack?: {
                                objectName: string;
                                fields: {
                                    [key: string]: string;
                                };
                            };
                            /** @default [] */
                            integrationUsers: string[];
                            actingUserId?: string;
                        };
                    };
                };
            };
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connection: {
                            connectionId: string;
                            /** @enum {string} */
                            crm: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                            /** Format: uri */
                            apiBaseUrl?: string;
                            /** Format: uri */
                            authBaseUrl?: string;
                            objects: {
                                [key: string]: {
                                    /** @enum {string} */
                                    objectType: "customer" | "order" | "invoice" | "payment";
                                    idPath: string;
                                    modifiedAtPath: string;
                                    /** @default [] */
                                    fields: {
                                        from: string | string[];
                                        to: string;
                                        /** @default [] */
                                        transforms: ({
                                            /** @constant */
                                            kind: "trim";
                                        } | {
                                            /** @constant */
                                            kind: "lowercase";
                                        } | {
                                            /** @constant */
                                            kind: "uppercase";
                                        } | {
                                            /** @constant */
                                            kind: "e164";
                                            defaultCallingCode?: string;
                                        } | {
                                            /** @constant */
                                            kind: "date";
                                        } | {
                                            /** @constant */
                                            kind: "money";
                                            currencyPath?: string;
                                            fixedCurrency?: string;
                                        } | {
                                            /** @constant */
                                            kind: "enum";
                                            map: {
                                                [key: string]: string | number | boolean;
                                            };
                                            default?: string | number | boolean;
                                        })[];
                                    }[];
                                    /** @default [] */
                                    identifiers: {
                                        from: string;
                                        /** @enum {string} */
                                        scheme: "cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external";
                                        /** @default [] */
                                        transforms: ({
                                            /** @constant */
                                            kind: "trim";
                                        } | {
                                            /** @constant */
                                            kind: "lowercase";
                                        } | {
                                            /** @constant */
                                            kind: "uppercase";
                                        } | {
                                            /** @constant */
                                            kind: "e164";
                                            defaultCallingCode?: string;
                                        } | {
                                            /** @constant */
                                            kind: "date";
                                        } | {
                                            /** @constant */
                                            kind: "money";
                                            currencyPath?: string;
                                            fixedCurrency?: string;
                                        } | {
                                            /** @constant */
                                            kind: "enum";
                                            map: {
                                                [key: string]: string | number | boolean;
                                            };
                                            default?: string | number | boolean;
                                        })[];
                                    }[];
                                    /** @default {} */
                                    constants: {
                                        [key: string]: string | number | boolean;
                                    };
                                    customKeyPattern?: string;
                                };
                            };
                            /** @default {} */
                            credentials: {
                                [key: string]: string;
                            };
                            writeBack?: {
                                objectName: string;
                                fields: {
                                    [key: string]: string;
                                };
                            };
                            /** @default [] */
                            integrationUsers: string[];
                            actingUserId?: string;
                        };
                    };
                };
            };
            /** @description Takes in personal data (new, or more than before): waits for another person to approve; nothing stored yet */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Nothing is stored until another person approves this (POST /v1/approvals/{approvalId}/approve) */
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    armZohoChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    events?: string[];
                    channelId?: string;
                };
            };
        };
        responses: {
            /** @description Armed */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: {
                            connectionId: string;
                            channelId: string;
                            events: string[];
                            /** Format: date-time */
                            expiresAt: string;
                        };
                        /** Format: uri */
                        notifyUrl: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    setupConnectionFields: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The per-field report */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrmFieldSetupReport"];
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    ingestRecords: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    objectName: string;
                    records: {
                        [key: string]: unknown;
                    }[];
                } | {
                    records: ({
                        /** @enum {string} */
                        crm: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                        connectionId: string;
                        externalId: string;
                        /** Format: date-time */
                        modifiedAt: string;
                        /** @default false */
                        deleted?: boolean;
                        /** @constant */
                        objectType: "customer";
                        /**
                         * @default business
                         * @enum {string}
                         */
                        kind?: "business" | "consumer";
                        fields?: {
                            legalName?: string;
                            tradingName?: string;
                            email?: string;
                            phone?: string;
                            country?: string;
                            city?: string;
                            addressLine?: string;
                            postalCode?: string;
                            industry?: string;
                            website?: string;
                        };
                        /** @default [] */
                        identifiers?: {
                            /** @enum {string} */
                            scheme: "cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external";
                            value: string;
                        }[];
                        /** @default {} */
                        custom?: {
                            [key: string]: components["schemas"]["CrmCustomValue"];
                        };
                        attributes?: {
                            [key: string]: string | number | boolean;
                        };
                    } | {
                        /** @enum {string} */
                        crm: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                        connectionId: string;
                        externalId: string;
                        /** Format: date-time */
                        modifiedAt: string;
                        /** @default false */
                        deleted?: boolean;
                        /** @constant */
                        objectType: "order";
                        customerExternalId: string;
                        /** Format: date-time */
                        orderedAt: string;
                        amount: {
                            amountMinor: number;
                            currency: string;
                        };
                        /** @enum {string} */
                        status: "placed" | "cancelled";
                    } | {
                        /** @enum {string} */
                        crm: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                        connectionId: string;
                        externalId: string;
                        /** Format: date-time */
                        modifiedAt: string;
                        /** @default false */
                        deleted?: boolean;
                        /** @constant */
                        objectType: "invoice";
                        customerExternalId: string;
                        /** Format: date-time */
                        issuedAt: string;
                        /** Format: date-time */
                        dueAt: string;
                        amount: {
                            amountMinor: number;
                            currency: string;
                        };
                        open: {
                            amountMinor: number;
                            currency: string;
                        };
                        /** @enum {string} */
                        status: "open" | "paid" | "void" | "disputed";
                    } | {
                        /** @enum {string} */
                        crm: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                        connectionId: string;
                        externalId: string;
                        /** Format: date-time */
                        modifiedAt: string;
                        /** @default false */
                        deleted?: boolean;
                        /** @constant */
                        objectType: "payment";
                        customerExternalId: string;
                        invoiceExternalId?: string;
                        /** Format: date-time */
                        paidAt: string;
                        amount: {
                            amountMinor: number;
                            currency: string;
                        };
                        /**
                         * @default payment
                         * @enum {string}
                         */
                        kind?: "payment" | "refund";
                    })[];
                };
            };
        };
        responses: {
            /** @description Queued for ingest */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listCustomAttributes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every declaration, by name */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: components["schemas"]["CustomAttribute"][];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    getCustomAttribute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The declaration */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attribute: components["schemas"]["CustomAttribute"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    declareCustomAttribute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    type: "number" | "integer" | "boolean" | "category" | "date";
                    label?: string;
                    unit?: string;
                    min?: number;
                    max?: number;
                    values?: string[];
                    /** @default false */
                    pii?: boolean;
                };
            };
        };
        responses: {
            /** @description Declared */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attribute: components["schemas"]["CustomAttribute"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    deprecateCustomAttribute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deprecated (or already deprecated) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attribute: components["schemas"]["CustomAttribute"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listCustomers: {
        parameters: {
            query?: {
                grade?: string;
                /** @description Part of a name (any script, case-insensitive), a customer id or an identifier value */
                q?: string;
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the portfolio */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customers: {
                            customerId: string;
                            /** @enum {string} */
                            kind: "business" | "consumer";
                            name?: string;
                            country?: string;
                            /** @enum {string} */
                            ratingStatus?: "rated" | "insufficient_data";
                            grade?: string;
                            pd?: number;
                            score?: number;
                            segment?: string;
                            limit?: {
                                amountMinor: number;
                                currency: string;
                            };
                            /** @description Open invoices (minor units), once the customer has any */
                            exposure?: {
                                amountMinor: number;
                                currency: string;
                            };
                            policyVersion?: number;
                            ratedAt?: string;
                            frozen: boolean;
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    mergeCustomers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    survivorId: string;
                    absorbedId: string;
                    reviewId?: string;
                };
            };
        };
        responses: {
            /** @description Both profiles as written */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        survivor: components["schemas"]["CustomerProfile"];
                        absorbed: components["schemas"]["CustomerProfile"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    unmergeCustomers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    survivorId: string;
                    absorbedId: string;
                    reviewId?: string;
                };
            };
        };
        responses: {
            /** @description Both profiles as restored */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        survivor: components["schemas"]["CustomerProfile"];
                        absorbed: components["schemas"]["CustomerProfile"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile with field-level provenance */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        profile: components["schemas"]["CustomerProfile"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    upsertCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind?: "business" | "consumer";
                    /** @default {} */
                    fields?: {
                        legalName?: string;
                        tradingName?: string;
                        email?: string;
                        phone?: string;
                        country?: string;
                        city?: string;
                        addressLine?: string;
                        postalCode?: string;
                        industry?: string;
                        website?: string;
                    };
                    /** @default [] */
                    identifiers?: {
                        /** @enum {string} */
                        scheme: "cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external";
                        value: string;
                    }[];
                    custom?: {
                        [key: string]: string | number | boolean;
                    };
                    /** Format: date-time */
                    observedAt?: string;
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        profile: components["schemas"]["CustomerProfile"];
                        changedFields: string[];
                    };
                };
            };
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        profile: components["schemas"]["CustomerProfile"];
                        changedFields: string[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    patchCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["CustomerMergePatch"];
                "application/json": components["schemas"]["CustomerMergePatch"];
            };
        };
        responses: {
            /** @description Patched (or unchanged) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        profile: components["schemas"]["CustomerProfile"];
                        changedFields: string[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    listBureauPulls: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest pulls */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pulls: {
                            pullId: string;
                            customerId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                            /** @enum {string} */
                            purpose?: "court_order" | "written_instruction" | "credit_transaction" | "account_review" | "employment" | "insurance_underwriting" | "government_license" | "credit_risk_assessment" | "legitimate_business_need" | "child_support" | "pboc_authorization";
                            /** @enum {string} */
                            trigger: "on_demand" | "first_seen" | "stale";
                            requestedBy: string;
                            /** @enum {string} */
                            status: "queued" | "completed" | "review" | "failed";
                            reason?: string;
                            detail?: string;
                            reportId?: string;
                            /** @enum {string} */
                            subjectMatch?: "match" | "mismatch" | "review";
                            /** @default false */
                            charged: boolean;
                            /** @default 0 */
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    requestBureauPull: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                    /** @enum {string} */
                    purpose?: "court_order" | "written_instruction" | "credit_transaction" | "account_review" | "employment" | "insurance_underwriting" | "government_license" | "credit_risk_assessment" | "legitimate_business_need" | "child_support" | "pboc_authorization";
                };
            };
        };
        responses: {
            /** @description Queued, or joined the pull in flight (`collapsed`) */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pull: {
                            pullId: string;
                            customerId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                            /** @enum {string} */
                            purpose?: "court_order" | "written_instruction" | "credit_transaction" | "account_review" | "employment" | "insurance_underwriting" | "government_license" | "credit_risk_assessment" | "legitimate_business_need" | "child_support" | "pboc_authorization";
                            /** @enum {string} */
                            trigger: "on_demand" | "first_seen" | "stale";
                            requestedBy: string;
                            /** @enum {string} */
                            status: "queued" | "completed" | "review" | "failed";
                            reason?: string;
                            detail?: string;
                            reportId?: string;
                            /** @enum {string} */
                            subjectMatch?: "match" | "mismatch" | "review";
                            /** @default false */
                            charged: boolean;
                            /** @default 0 */
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        /** @description True when the request joined a pull already in flight for this customer and bureau */
                        collapsed: boolean;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getBureauPull: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
                pullId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pull */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        pull: {
                            pullId: string;
                            customerId: string;
                            /** @enum {string} */
                            bureau: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                            /** @enum {string} */
                            purpose?: "court_order" | "written_instruction" | "credit_transaction" | "account_review" | "employment" | "insurance_underwriting" | "government_license" | "credit_risk_assessment" | "legitimate_business_need" | "child_support" | "pboc_authorization";
                            /** @enum {string} */
                            trigger: "on_demand" | "first_seen" | "stale";
                            requestedBy: string;
                            /** @enum {string} */
                            status: "queued" | "completed" | "review" | "failed";
                            reason?: string;
                            detail?: string;
                            reportId?: string;
                            /** @enum {string} */
                            subjectMatch?: "match" | "mismatch" | "review";
                            /** @default false */
                            charged: boolean;
                            /** @default 0 */
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listConsents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every consent of the customer, revoked ones included */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consents: {
                            customerId: string;
                            bureaus: "*" | ("experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc")[];
                            /** @enum {string} */
                            purpose: "court_order" | "written_instruction" | "credit_transaction" | "account_review" | "employment" | "insurance_underwriting" | "government_license" | "credit_risk_assessment" | "legitimate_business_need" | "child_support" | "pboc_authorization";
                            grantedBy: string;
                            /** Format: date-time */
                            grantedAt: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                            consentId: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    recordConsent: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bureaus: "*" | ("experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc")[];
                    /** @enum {string} */
                    purpose: "court_order" | "written_instruction" | "credit_transaction" | "account_review" | "employment" | "insurance_underwriting" | "government_license" | "credit_risk_assessment" | "legitimate_business_need" | "child_support" | "pboc_authorization";
                    grantedBy: string;
                    /** Format: date-time */
                    grantedAt?: string;
                    /** Format: date-time */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Recorded */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consent: {
                            customerId: string;
                            bureaus: "*" | ("experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc")[];
                            /** @enum {string} */
                            purpose: "court_order" | "written_instruction" | "credit_transaction" | "account_review" | "employment" | "insurance_underwriting" | "government_license" | "credit_risk_assessment" | "legitimate_business_need" | "child_support" | "pboc_authorization";
                            grantedBy: string;
                            /** Format: date-time */
                            grantedAt: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                            consentId: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    revokeConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
                consentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (revoking again keeps the first revocation time) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consent: {
                            customerId: string;
                            bureaus: "*" | ("experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc")[];
                            /** @enum {string} */
                            purpose: "court_order" | "written_instruction" | "credit_transaction" | "account_review" | "employment" | "insurance_underwriting" | "government_license" | "credit_risk_assessment" | "legitimate_business_need" | "child_support" | "pboc_authorization";
                            grantedBy: string;
                            /** Format: date-time */
                            grantedAt: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            revokedAt?: string;
                            consentId: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listCustomerEvents: {
        parameters: {
            query?: {
                /** @description Only events with a higher sequence */
                afterSequence?: number;
                /** @description Only events with a lower sequence (with `order=desc`: the page older than the one shown) */
                beforeSequence?: number;
                /** @description `asc`: by sequence, oldest first (default); `desc`: newest first */
                order?: "asc" | "desc";
                limit?: number;
            };
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events in sequence order */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["EventEnvelope"][];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    freezeCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                    /**
                     * Format: date-time
                     * @description When the freeze lifts by itself; in the future
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Frozen (or already frozen: `changed: false`) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customerId: string;
                        /** @description False when the customer was already frozen */
                        changed: boolean;
                        freeze?: {
                            reason: string;
                            /** Format: date-time */
                            frozenAt: string;
                            by: string;
                            measureId?: string;
                            /** Format: date-time */
                            expiresAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    listCustomerMeasures: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The measures, newest first */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Active, lifted and expired, newest first */
                        measures: {
                            measureId: string;
                            customerId: string;
                            /** @enum {string} */
                            type: "freeze_new_orders" | "freeze_all_credit" | "reduce_limit" | "require_prepayment" | "hold_shipments" | "hand_over_to_collections";
                            /** @default {} */
                            params: {
                                keepPercent?: number;
                                capMinor?: number;
                            };
                            reason: string;
                            /** @enum {string} */
                            origin: "manual" | "policy" | "default";
                            alertId?: string;
                            incidentId?: string;
                            drill?: boolean;
                            takenBy: string;
                            /** Format: date-time */
                            takenAt: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** @enum {string} */
                            status: "active" | "lifted" | "expired";
                            liftedBy?: string;
                            /** Format: date-time */
                            liftedAt?: string;
                            liftReason?: string;
                            version: number;
                        }[];
                        /** @description The combined effect of the active measures, as on the profile; null when none was ever taken */
                        restrictions: {
                            creditHold: boolean;
                            newOrdersBlocked: boolean;
                            prepaymentRequired: boolean;
                            shipmentsHeld: boolean;
                            collections: boolean;
                            limitCapMinor?: number;
                            limitKeepPercent?: number;
                            reasons: string[];
                            measureIds: string[];
                            /** @constant */
                            confirmedOrdersUntouched: true;
                        } | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    takeMeasure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    type: "freeze_new_orders" | "freeze_all_credit" | "reduce_limit" | "require_prepayment" | "hold_shipments" | "hand_over_to_collections";
                    /**
                     * @description `reduce_limit` only: `keepPercent` (0–100) and/or `capMinor`
                     * @default {}
                     */
                    params?: {
                        keepPercent?: number;
                        capMinor?: number;
                    };
                    /** @description Free text for the risk team, told to the CRM as the hold reason: no personal data */
                    reason: string;
                    /** @description The alert that led to the measure */
                    alertId?: string;
                    /**
                     * Format: date-time
                     * @description When the measure lifts by itself (`measure.expired`); in the future
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Taken */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        measure: {
                            measureId: string;
                            customerId: string;
                            /** @enum {string} */
                            type: "freeze_new_orders" | "freeze_all_credit" | "reduce_limit" | "require_prepayment" | "hold_shipments" | "hand_over_to_collections";
                            /** @default {} */
                            params: {
                                keepPercent?: number;
                                capMinor?: number;
                            };
                            reason: string;
                            /** @enum {string} */
                            origin: "manual" | "policy" | "default";
                            alertId?: string;
                            incidentId?: string;
                            drill?: boolean;
                            takenBy: string;
                            /** Format: date-time */
                            takenAt: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** @enum {string} */
                            status: "active" | "lifted" | "expired";
                            liftedBy?: string;
                            /** Format: date-time */
                            liftedAt?: string;
                            liftReason?: string;
                            version: number;
                        };
                        /** @description The customer's combined restrictions after the change */
                        restrictions?: {
                            creditHold: boolean;
                            newOrdersBlocked: boolean;
                            prepaymentRequired: boolean;
                            shipmentsHeld: boolean;
                            collections: boolean;
                            limitCapMinor?: number;
                            limitKeepPercent?: number;
                            reasons: string[];
                            measureIds: string[];
                            /** @constant */
                            confirmedOrdersUntouched: true;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    recordOutcome: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    defaulted: boolean;
                    /** Format: date-time */
                    at: string;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Recorded */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        outcome: {
                            defaulted: boolean;
                            /** Format: date-time */
                            at: string;
                            note?: string;
                            customerId: string;
                            /** Format: date-time */
                            recordedAt: string;
                            recordedBy: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listRatings: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest ratings */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ratings: {
                            /** @enum {string} */
                            status: "rated" | "insufficient_data";
                            policyVersion: number;
                            score?: number;
                            grade?: string;
                            pd?: number;
                            reasons: {
                                code: string;
                                text: string;
                                points?: number;
                                missingData?: boolean;
                            }[];
                            rfm?: {
                                r: number;
                                f: number;
                                m: number;
                                segment: string;
                            };
                            limit?: {
                                recommended: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                factors: {
                                    name: string;
                                    value?: number;
                                    reason: string;
                                }[];
                            };
                            inputsHash: string;
                            /** Format: date-time */
                            ratedAt: string;
                            features?: {
                                [key: string]: number | string | null;
                            };
                            worstDaysPastDue?: number;
                            defaulted?: boolean;
                            warnings?: {
                                code: string;
                                text: string;
                            }[];
                            partnerInputs?: {
                                partnerId: string;
                                assessmentId: string;
                                pd: number;
                                weight: number;
                                share: number;
                                /** Format: date-time */
                                submittedAt: string;
                            }[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    unfreezeCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Unfrozen (or not frozen: `changed: false`) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customerId: string;
                        /** @description False when the customer was not frozen */
                        changed: boolean;
                        frozen: boolean;
                    };
                };
            };
            /** @description Asked for: a second person confirms by calling the same route or POST /v1/approvals/{approvalId}/approve */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    listWriteBacks: {
        parameters: {
            query?: {
                limit?: number;
                status?: "scheduled" | "written" | "exhausted" | "failed" | "superseded" | "skipped";
            };
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Write-back records */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        writeBacks: {
                            customerId: string;
                            eventId: string;
                            eventType: string;
                            sequence: number;
                            target: string;
                            crm: string;
                            connectionId: string;
                            externalId: string;
                            /** @enum {string} */
                            status: "scheduled" | "written" | "exhausted" | "failed" | "superseded" | "skipped";
                            reason?: string;
                            fields?: string[];
                            attempts: {
                                n: number;
                                /** Format: date-time */
                                at: string;
                                latencyMs: number;
                                /** @enum {string} */
                                outcome: "written" | "retry" | "failed";
                                code?: string;
                                retryAfterMs?: number;
                                /** @constant */
                                replay?: true;
                            }[];
                            /** Format: date-time */
                            nextAttemptAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    readDataset: {
        parameters: {
            query?: {
                /** @description The agreement to read under, when several cover the dataset */
                agreementId?: string;
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                dataset: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of redacted rows */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        dataset: "portfolio_ratings" | "customer_profiles";
                        agreementId: string;
                        /** @description Redacted rows: only the fields the agreement shares, masked, hashed or bucketed as it says */
                        rows: {
                            [key: string]: string | number | boolean | null;
                        }[];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listDisputes: {
        parameters: {
            query?: {
                status?: "open" | "under_review" | "resolved";
                subjectType?: "invoice" | "bureau_item" | "rating" | "assessment";
                customerId?: string;
                /** @description `true`: only disputes past their due time that are not resolved */
                overdue?: "true" | "false";
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of disputes */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        disputes: {
                            disputeId: string;
                            subject: {
                                /** @enum {string} */
                                type: "invoice" | "bureau_item" | "rating" | "assessment";
                                id: string;
                                customerId: string;
                            };
                            reason: string;
                            openedBy: string;
                            /** @enum {string} */
                            status: "open" | "under_review" | "resolved";
                            /** @enum {string} */
                            outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: date-time */
                            dueAt: string;
                            /** Format: date-time */
                            resolvedAt?: string;
                            pendingResolution?: {
                                approvalId: string;
                                /** @enum {string} */
                                outcome: "upheld" | "rejected" | "withdrawn" | "corrected";
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "under_review" | "resolved";
                                /** @enum {string} */
                                to: "open" | "under_review" | "resolved";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                /** @enum {string} */
                                outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                                approvedBy?: string;
                                note?: string;
                            }[];
                            complianceConditionCode?: string;
                            version: number;
                        }[];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    openDispute: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What is disputed: an invoice (`<crm>:<connectionId>:<externalId>`), a bureau item, a rating or a partner assessment (an existing assessment id of the customer) */
                    subject: {
                        /** @enum {string} */
                        type: "invoice" | "bureau_item" | "rating" | "assessment";
                        id: string;
                        customerId: string;
                    };
                    /** @description Why (kept on the dispute; never put in events or the audit) */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The new dispute */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dispute: {
                            disputeId: string;
                            subject: {
                                /** @enum {string} */
                                type: "invoice" | "bureau_item" | "rating" | "assessment";
                                id: string;
                                customerId: string;
                            };
                            reason: string;
                            openedBy: string;
                            /** @enum {string} */
                            status: "open" | "under_review" | "resolved";
                            /** @enum {string} */
                            outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: date-time */
                            dueAt: string;
                            /** Format: date-time */
                            resolvedAt?: string;
                            pendingResolution?: {
                                approvalId: string;
                                /** @enum {string} */
                                outcome: "upheld" | "rejected" | "withdrawn" | "corrected";
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "under_review" | "resolved";
                                /** @enum {string} */
                                to: "open" | "under_review" | "resolved";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                /** @enum {string} */
                                outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                                approvedBy?: string;
                                note?: string;
                            }[];
                            complianceConditionCode?: string;
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getDispute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disputeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dispute */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dispute: {
                            disputeId: string;
                            subject: {
                                /** @enum {string} */
                                type: "invoice" | "bureau_item" | "rating" | "assessment";
                                id: string;
                                customerId: string;
                            };
                            reason: string;
                            openedBy: string;
                            /** @enum {string} */
                            status: "open" | "under_review" | "resolved";
                            /** @enum {string} */
                            outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: date-time */
                            dueAt: string;
                            /** Format: date-time */
                            resolvedAt?: string;
                            pendingResolution?: {
                                approvalId: string;
                                /** @enum {string} */
                                outcome: "upheld" | "rejected" | "withdrawn" | "corrected";
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "under_review" | "resolved";
                                /** @enum {string} */
                                to: "open" | "under_review" | "resolved";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                /** @enum {string} */
                                outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                                approvedBy?: string;
                                note?: string;
                            }[];
                            complianceConditionCode?: string;
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    commentDispute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disputeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                };
            };
        };
        responses: {
            /** @description The dispute as it now stands */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dispute: {
                            disputeId: string;
                            subject: {
                                /** @enum {string} */
                                type: "invoice" | "bureau_item" | "rating" | "assessment";
                                id: string;
                                customerId: string;
                            };
                            reason: string;
                            openedBy: string;
                            /** @enum {string} */
                            status: "open" | "under_review" | "resolved";
                            /** @enum {string} */
                            outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: date-time */
                            dueAt: string;
                            /** Format: date-time */
                            resolvedAt?: string;
                            pendingResolution?: {
                                approvalId: string;
                                /** @enum {string} */
                                outcome: "upheld" | "rejected" | "withdrawn" | "corrected";
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "under_review" | "resolved";
                                /** @enum {string} */
                                to: "open" | "under_review" | "resolved";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                /** @enum {string} */
                                outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                                approvedBy?: string;
                                note?: string;
                            }[];
                            complianceConditionCode?: string;
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    transitionDispute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disputeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    to: "under_review";
                    note?: string;
                } | {
                    /** @constant */
                    to: "resolved";
                    /**
                     * @description upheld: the item does not stand; rejected: the dispute fails, the debt stands; withdrawn; corrected
                     * @enum {string}
                     */
                    outcome: "upheld" | "rejected" | "withdrawn" | "corrected";
                    note?: string;
                };
            };
        };
        responses: {
            /** @description The dispute as it now stands */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dispute: {
                            disputeId: string;
                            subject: {
                                /** @enum {string} */
                                type: "invoice" | "bureau_item" | "rating" | "assessment";
                                id: string;
                                customerId: string;
                            };
                            reason: string;
                            openedBy: string;
                            /** @enum {string} */
                            status: "open" | "under_review" | "resolved";
                            /** @enum {string} */
                            outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: date-time */
                            dueAt: string;
                            /** Format: date-time */
                            resolvedAt?: string;
                            pendingResolution?: {
                                approvalId: string;
                                /** @enum {string} */
                                outcome: "upheld" | "rejected" | "withdrawn" | "corrected";
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "under_review" | "resolved";
                                /** @enum {string} */
                                to: "open" | "under_review" | "resolved";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                /** @enum {string} */
                                outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                                approvedBy?: string;
                                note?: string;
                            }[];
                            complianceConditionCode?: string;
                            version: number;
                        };
                    };
                };
            };
            /** @description Resolution asked for: waiting for a second person */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dispute: {
                            disputeId: string;
                            subject: {
                                /** @enum {string} */
                                type: "invoice" | "bureau_item" | "rating" | "assessment";
                                id: string;
                                customerId: string;
                            };
                            reason: string;
                            openedBy: string;
                            /** @enum {string} */
                            status: "open" | "under_review" | "resolved";
                            /** @enum {string} */
                            outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: date-time */
                            dueAt: string;
                            /** Format: date-time */
                            resolvedAt?: string;
                            pendingResolution?: {
                                approvalId: string;
                                /** @enum {string} */
                                outcome: "upheld" | "rejected" | "withdrawn" | "corrected";
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            comments: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            history: {
                                /** @enum {string} */
                                from?: "open" | "under_review" | "resolved";
                                /** @enum {string} */
                                to: "open" | "under_review" | "resolved";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                /** @enum {string} */
                                outcome?: "upheld" | "rejected" | "withdrawn" | "corrected";
                                approvedBy?: string;
                                note?: string;
                            }[];
                            complianceConditionCode?: string;
                            version: number;
                        };
                        /** @description The pending `dispute.resolve` approval: a second person calls the same route with the same outcome */
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    download: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The last segment of a job's `result.download.url` */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment, in its own media type (text/csv, application/x-ndjson …) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description `attachment; filename="…"` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                    "text/csv": string;
                    "application/x-ndjson": string;
                };
            };
            /** @description In AWS (setting DOWNLOAD_REDIRECT=presigned): where to fetch the file, a presigned URL valid for one minute */
            303: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description Presigned S3 URL */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    defaultDrill: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customerId: string;
                };
            };
        };
        responses: {
            /** @description What would happen; nothing was written but an audit entry */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customerId: string;
                        policyVersion: number;
                        simulated: {
                            daysPastDue: number;
                            note: string;
                        };
                        current?: {
                            /** @enum {string} */
                            status: "rated" | "insufficient_data";
                            grade?: string;
                            limit?: {
                                amountMinor: number;
                                currency: string;
                            };
                        };
                        /** @description Absent when nothing a receiver could see would change */
                        wouldBe?: {
                            /** @enum {string} */
                            status: "rated" | "insufficient_data";
                            grade?: string;
                            pd?: number;
                            limit?: {
                                amountMinor: number;
                                currency: string;
                            };
                            reasons: {
                                code: string;
                                text: string;
                                points?: number;
                                missingData?: boolean;
                            }[];
                        };
                        alerts: {
                            type: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            dedupeKey?: string;
                            message: string;
                            /** @enum {string} */
                            measure?: "freeze_limit";
                            details: {
                                [key: string]: string | number | boolean;
                            };
                        }[];
                        measures: "freeze_limit"[];
                        wouldFreeze: boolean;
                        alreadyFrozen: boolean;
                        /** @description Types of the events that would be emitted, in order */
                        events: string[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    startPortfolioExport: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description `csv` (RFC 4180, UTF-8 with a byte-order mark, one column per portfolio field) or `ndjson` (one JSON row per line)
                     * @enum {string}
                     */
                    format: "csv" | "ndjson";
                    /** @description Only customers currently rated with this grade */
                    grade?: string;
                };
            };
        };
        responses: {
            /** @description Accepted: the job runs in the background. Poll `Location` (after `Retry-After` seconds) until it is final. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    /** @description The job: `/v1/jobs/{jobId}` */
                    Location?: string;
                    /** @description Seconds to wait before polling again; present while the job is queued or running */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        job: components["schemas"]["Job"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    createImport: {
        parameters: {
            query?: {
                /** @description A ready mapping's name; required with a CSV or NDJSON body */
                mapping?: string;
                connectionId?: string;
                /** @description `false` when more chunks follow (default `true`) */
                complete?: "true" | "false";
            };
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A ready mapping's name (`online-retail-ii`) or an inline column mapping */
                    mapping: string | {
                        name: string;
                        /**
                         * @default generic
                         * @enum {string}
                         */
                        crm?: "zoho" | "fxiaoke" | "hubspot" | "salesforce" | "generic";
                        connectionId: string;
                        currency: string;
                        currencyColumn?: string;
                        customer?: {
                            externalId: string;
                            /**
                             * @default business
                             * @enum {string}
                             */
                            kind?: "business" | "consumer";
                            /** @default {} */
                            fields?: {
                                [key: string]: string;
                            };
                            /** @default {} */
                            identifiers?: {
                                [key: string]: string;
                            };
                            custom?: {
                                [key: string]: string;
                            };
                            modifiedAt?: string;
                        };
                        order?: {
                            externalId: string;
                            customerExternalId: string;
                            orderedAt: string;
                            modifiedAt?: string;
                            amount?: string;
                            quantity?: string;
                            unitPrice?: string;
                            cancelledPrefix?: string;
                            /** @default false */
                            groupLines?: boolean;
                        };
                    };
                    /**
                     * @default csv
                     * @enum {string}
                     */
                    format?: "csv" | "ndjson";
                    connectionId?: string;
                    /** @description The first chunk (with its header row); more may follow as chunks */
                    data?: string;
                    /**
                     * @description False when more chunks follow (POST /v1/imports/{importId}/chunks)
                     * @default true
                     */
                    complete?: boolean;
                };
                "text/csv": string;
                "application/x-ndjson": string;
            };
        };
        responses: {
            /** @description Started; rows of the first chunk are queued */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    /** @description The import job (`/v1/imports/{importId}`) */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        import: {
                            jobId: string;
                            mapping: string;
                            connectionId: string;
                            /** @enum {string} */
                            format: "csv" | "ndjson";
                            /** @enum {string} */
                            status: "receiving" | "complete";
                            createdAt: string;
                            chunks: number;
                            rowsRead: number;
                            recordsQueued: number;
                            recordsApplied: number;
                            recordsFailed: number;
                            rowErrors: number;
                            errors: {
                                line: number;
                                reason: string;
                            }[];
                            /** @description Complete, and every queued record applied or failed */
                            done: boolean;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Counters, row errors (line and reason) and `done` */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        import: {
                            jobId: string;
                            mapping: string;
                            connectionId: string;
                            /** @enum {string} */
                            format: "csv" | "ndjson";
                            /** @enum {string} */
                            status: "receiving" | "complete";
                            createdAt: string;
                            chunks: number;
                            rowsRead: number;
                            recordsQueued: number;
                            recordsApplied: number;
                            recordsFailed: number;
                            rowErrors: number;
                            errors: {
                                line: number;
                                reason: string;
                            }[];
                            /** @description Complete, and every queued record applied or failed */
                            done: boolean;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    addImportChunk: {
        parameters: {
            query?: {
                /** @description `false` when more chunks follow */
                complete?: "true" | "false";
                /** @description Lines of the file before this chunk's header line, so that reported lines are file lines */
                lineOffset?: number;
            };
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "text/csv": string;
                "application/x-ndjson": string;
            };
        };
        responses: {
            /** @description Rows of the chunk are queued */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        import: {
                            jobId: string;
                            mapping: string;
                            connectionId: string;
                            /** @enum {string} */
                            format: "csv" | "ndjson";
                            /** @enum {string} */
                            status: "receiving" | "complete";
                            createdAt: string;
                            chunks: number;
                            rowsRead: number;
                            recordsQueued: number;
                            recordsApplied: number;
                            recordsFailed: number;
                            rowErrors: number;
                            errors: {
                                line: number;
                                reason: string;
                            }[];
                            /** @description Complete, and every queued record applied or failed */
                            done: boolean;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    hubspotWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Verified; the changes are queued for ingest */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
        };
    };
    salesforceChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Verified; the changes are queued for ingest */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
        };
    };
    zohoNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Verified; the changes are queued for ingest */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
        };
    };
    listIncidents: {
        parameters: {
            query?: {
                status?: "draft" | "in_review" | "closed";
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of reviews */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incidents: {
                            incidentId: string;
                            title: string;
                            alertIds: string[];
                            drillCustomerId?: string;
                            /** @enum {string} */
                            status: "draft" | "in_review" | "closed";
                            impact: {
                                customers: string[];
                                exposure: {
                                    currency: string;
                                    openMinor: number;
                                    overdueMinor: number;
                                }[];
                            };
                            rootCause?: string;
                            contributingFactors: string[];
                            actions: {
                                action: string;
                                /** @description Who does it, e.g. `person:li-wei` or a team name */
                                owner: string;
                                /**
                                 * Format: date
                                 * @description Due date (YYYY-MM-DD)
                                 */
                                due: string;
                                /**
                                 * @default open
                                 * @enum {string}
                                 */
                                status: "open" | "done" | "dropped";
                            }[];
                            lessons?: string;
                            timeline: {
                                /** Format: date-time */
                                at: string;
                                /** @enum {string} */
                                source: "event" | "audit";
                                type: string;
                                ref: string;
                                customerId?: string;
                                target?: string;
                                actor?: string;
                            }[];
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt?: string;
                            pendingClose?: {
                                approvalId: string;
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            history: {
                                /** @enum {string} */
                                from?: "draft" | "in_review" | "closed";
                                /** @enum {string} */
                                to: "draft" | "in_review" | "closed";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                approvedBy?: string;
                            }[];
                            version: number;
                        }[];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    openIncident: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    /** @default [] */
                    alertIds?: string[];
                    /** @description The customer a default drill ran on (`POST /v1/drills/default`) */
                    drillCustomerId?: string;
                };
            };
        };
        responses: {
            /** @description The new review */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: {
                            incidentId: string;
                            title: string;
                            alertIds: string[];
                            drillCustomerId?: string;
                            /** @enum {string} */
                            status: "draft" | "in_review" | "closed";
                            impact: {
                                customers: string[];
                                exposure: {
                                    currency: string;
                                    openMinor: number;
                                    overdueMinor: number;
                                }[];
                            };
                            rootCause?: string;
                            contributingFactors: string[];
                            actions: {
                                action: string;
                                /** @description Who does it, e.g. `person:li-wei` or a team name */
                                owner: string;
                                /**
                                 * Format: date
                                 * @description Due date (YYYY-MM-DD)
                                 */
                                due: string;
                                /**
                                 * @default open
                                 * @enum {string}
                                 */
                                status: "open" | "done" | "dropped";
                            }[];
                            lessons?: string;
                            timeline: {
                                /** Format: date-time */
                                at: string;
                                /** @enum {string} */
                                source: "event" | "audit";
                                type: string;
                                ref: string;
                                customerId?: string;
                                target?: string;
                                actor?: string;
                            }[];
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt?: string;
                            pendingClose?: {
                                approvalId: string;
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            history: {
                                /** @enum {string} */
                                from?: "draft" | "in_review" | "closed";
                                /** @enum {string} */
                                to: "draft" | "in_review" | "closed";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                approvedBy?: string;
                            }[];
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                incidentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The review */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: {
                            incidentId: string;
                            title: string;
                            alertIds: string[];
                            drillCustomerId?: string;
                            /** @enum {string} */
                            status: "draft" | "in_review" | "closed";
                            impact: {
                                customers: string[];
                                exposure: {
                                    currency: string;
                                    openMinor: number;
                                    overdueMinor: number;
                                }[];
                            };
                            rootCause?: string;
                            contributingFactors: string[];
                            actions: {
                                action: string;
                                /** @description Who does it, e.g. `person:li-wei` or a team name */
                                owner: string;
                                /**
                                 * Format: date
                                 * @description Due date (YYYY-MM-DD)
                                 */
                                due: string;
                                /**
                                 * @default open
                                 * @enum {string}
                                 */
                                status: "open" | "done" | "dropped";
                            }[];
                            lessons?: string;
                            timeline: {
                                /** Format: date-time */
                                at: string;
                                /** @enum {string} */
                                source: "event" | "audit";
                                type: string;
                                ref: string;
                                customerId?: string;
                                target?: string;
                                actor?: string;
                            }[];
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt?: string;
                            pendingClose?: {
                                approvalId: string;
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            history: {
                                /** @enum {string} */
                                from?: "draft" | "in_review" | "closed";
                                /** @enum {string} */
                                to: "draft" | "in_review" | "closed";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                approvedBy?: string;
                            }[];
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    updateIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                incidentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    impact?: {
                        customers: string[];
                        exposure: {
                            currency: string;
                            openMinor: number;
                            overdueMinor: number;
                        }[];
                    };
                    rootCause?: string;
                    contributingFactors?: string[];
                    actions?: {
                        action: string;
                        /** @description Who does it, e.g. `person:li-wei` or a team name */
                        owner: string;
                        /**
                         * Format: date
                         * @description Due date (YYYY-MM-DD)
                         */
                        due: string;
                        /**
                         * @default open
                         * @enum {string}
                         */
                        status?: "open" | "done" | "dropped";
                    }[];
                    lessons?: string;
                    /** @description Assemble the timeline again from the events and audit entries */
                    refreshTimeline?: boolean;
                };
            };
        };
        responses: {
            /** @description The review as it now stands */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: {
                            incidentId: string;
                            title: string;
                            alertIds: string[];
                            drillCustomerId?: string;
                            /** @enum {string} */
                            status: "draft" | "in_review" | "closed";
                            impact: {
                                customers: string[];
                                exposure: {
                                    currency: string;
                                    openMinor: number;
                                    overdueMinor: number;
                                }[];
                            };
                            rootCause?: string;
                            contributingFactors: string[];
                            actions: {
                                action: string;
                                /** @description Who does it, e.g. `person:li-wei` or a team name */
                                owner: string;
                                /**
                                 * Format: date
                                 * @description Due date (YYYY-MM-DD)
                                 */
                                due: string;
                                /**
                                 * @default open
                                 * @enum {string}
                                 */
                                status: "open" | "done" | "dropped";
                            }[];
                            lessons?: string;
                            timeline: {
                                /** Format: date-time */
                                at: string;
                                /** @enum {string} */
                                source: "event" | "audit";
                                type: string;
                                ref: string;
                                customerId?: string;
                                target?: string;
                                actor?: string;
                            }[];
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt?: string;
                            pendingClose?: {
                                approvalId: string;
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            history: {
                                /** @enum {string} */
                                from?: "draft" | "in_review" | "closed";
                                /** @enum {string} */
                                to: "draft" | "in_review" | "closed";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                approvedBy?: string;
                            }[];
                            version: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    exportIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                incidentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Markdown */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/markdown": string;
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    transitionIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                incidentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    to: "draft" | "in_review" | "closed";
                };
            };
        };
        responses: {
            /** @description The review as it now stands */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: {
                            incidentId: string;
                            title: string;
                            alertIds: string[];
                            drillCustomerId?: string;
                            /** @enum {string} */
                            status: "draft" | "in_review" | "closed";
                            impact: {
                                customers: string[];
                                exposure: {
                                    currency: string;
                                    openMinor: number;
                                    overdueMinor: number;
                                }[];
                            };
                            rootCause?: string;
                            contributingFactors: string[];
                            actions: {
                                action: string;
                                /** @description Who does it, e.g. `person:li-wei` or a team name */
                                owner: string;
                                /**
                                 * Format: date
                                 * @description Due date (YYYY-MM-DD)
                                 */
                                due: string;
                                /**
                                 * @default open
                                 * @enum {string}
                                 */
                                status: "open" | "done" | "dropped";
                            }[];
                            lessons?: string;
                            timeline: {
                                /** Format: date-time */
                                at: string;
                                /** @enum {string} */
                                source: "event" | "audit";
                                type: string;
                                ref: string;
                                customerId?: string;
                                target?: string;
                                actor?: string;
                            }[];
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt?: string;
                            pendingClose?: {
                                approvalId: string;
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            history: {
                                /** @enum {string} */
                                from?: "draft" | "in_review" | "closed";
                                /** @enum {string} */
                                to: "draft" | "in_review" | "closed";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                approvedBy?: string;
                            }[];
                            version: number;
                        };
                    };
                };
            };
            /** @description Closing asked for: waiting for a second person */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: {
                            incidentId: string;
                            title: string;
                            alertIds: string[];
                            drillCustomerId?: string;
                            /** @enum {string} */
                            status: "draft" | "in_review" | "closed";
                            impact: {
                                customers: string[];
                                exposure: {
                                    currency: string;
                                    openMinor: number;
                                    overdueMinor: number;
                                }[];
                            };
                            rootCause?: string;
                            contributingFactors: string[];
                            actions: {
                                action: string;
                                /** @description Who does it, e.g. `person:li-wei` or a team name */
                                owner: string;
                                /**
                                 * Format: date
                                 * @description Due date (YYYY-MM-DD)
                                 */
                                due: string;
                                /**
                                 * @default open
                                 * @enum {string}
                                 */
                                status: "open" | "done" | "dropped";
                            }[];
                            lessons?: string;
                            timeline: {
                                /** Format: date-time */
                                at: string;
                                /** @enum {string} */
                                source: "event" | "audit";
                                type: string;
                                ref: string;
                                customerId?: string;
                                target?: string;
                                actor?: string;
                            }[];
                            createdBy: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt?: string;
                            pendingClose?: {
                                approvalId: string;
                                by: string;
                                /** Format: date-time */
                                at: string;
                            };
                            history: {
                                /** @enum {string} */
                                from?: "draft" | "in_review" | "closed";
                                /** @enum {string} */
                                to: "draft" | "in_review" | "closed";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                approvedBy?: string;
                            }[];
                            version: number;
                        };
                        /** @description The pending `incident.close` approval: a second person calls the same route */
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listJobs: {
        parameters: {
            query?: {
                /** @description Only jobs in this state */
                status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                /** @description Only jobs of this kind, e.g. `portfolio.export` */
                kind?: string;
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of jobs */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobs: components["schemas"]["Job"][];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `job_` followed by a ULID, from `Location` or the list */
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description Seconds to wait before polling again; present while the job is queued or running */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        job: components["schemas"]["Job"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `job_` followed by a ULID, from `Location` or the list */
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancellation requested; poll the job until it is cancelled */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        job: components["schemas"]["Job"];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    whoAmI: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The principal */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        principal: {
                            principalId: string;
                            keyId: string;
                            /** @enum {string} */
                            role: "admin" | "crm" | "partner" | "consultant";
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read" | "people:manage" | "approvals:decide" | "alerts:read" | "alerts:manage")[];
                            tenantRef?: string;
                            personId?: string;
                            serviceAccountId?: string;
                            bootstrap?: boolean;
                        };
                        person?: {
                            personId: string;
                            displayName: string;
                            /** Format: email */
                            email: string;
                            roles: ("admin" | "approver" | "analyst" | "auditor")[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            subject?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    getMeasure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                measureId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The measure */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        measure: {
                            measureId: string;
                            customerId: string;
                            /** @enum {string} */
                            type: "freeze_new_orders" | "freeze_all_credit" | "reduce_limit" | "require_prepayment" | "hold_shipments" | "hand_over_to_collections";
                            /** @default {} */
                            params: {
                                keepPercent?: number;
                                capMinor?: number;
                            };
                            reason: string;
                            /** @enum {string} */
                            origin: "manual" | "policy" | "default";
                            alertId?: string;
                            incidentId?: string;
                            drill?: boolean;
                            takenBy: string;
                            /** Format: date-time */
                            takenAt: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** @enum {string} */
                            status: "active" | "lifted" | "expired";
                            liftedBy?: string;
                            /** Format: date-time */
                            liftedAt?: string;
                            liftReason?: string;
                            version: number;
                        };
                        /** @description The customer's combined restrictions after the change */
                        restrictions?: {
                            creditHold: boolean;
                            newOrdersBlocked: boolean;
                            prepaymentRequired: boolean;
                            shipmentsHeld: boolean;
                            collections: boolean;
                            limitCapMinor?: number;
                            limitKeepPercent?: number;
                            reasons: string[];
                            measureIds: string[];
                            /** @constant */
                            confirmedOrdersUntouched: true;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    liftMeasure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                measureId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Lifted */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        measure: {
                            measureId: string;
                            customerId: string;
                            /** @enum {string} */
                            type: "freeze_new_orders" | "freeze_all_credit" | "reduce_limit" | "require_prepayment" | "hold_shipments" | "hand_over_to_collections";
                            /** @default {} */
                            params: {
                                keepPercent?: number;
                                capMinor?: number;
                            };
                            reason: string;
                            /** @enum {string} */
                            origin: "manual" | "policy" | "default";
                            alertId?: string;
                            incidentId?: string;
                            drill?: boolean;
                            takenBy: string;
                            /** Format: date-time */
                            takenAt: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** @enum {string} */
                            status: "active" | "lifted" | "expired";
                            liftedBy?: string;
                            /** Format: date-time */
                            liftedAt?: string;
                            liftReason?: string;
                            version: number;
                        };
                        /** @description The customer's combined restrictions after the change */
                        restrictions?: {
                            creditHold: boolean;
                            newOrdersBlocked: boolean;
                            prepaymentRequired: boolean;
                            shipmentsHeld: boolean;
                            collections: boolean;
                            limitCapMinor?: number;
                            limitKeepPercent?: number;
                            reasons: string[];
                            measureIds: string[];
                            /** @constant */
                            confirmedOrdersUntouched: true;
                        };
                    };
                };
            };
            /** @description Asked for: a second person confirms by calling the same route or POST /v1/approvals/{approvalId}/approve */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    importOutcomes: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
                "application/x-ndjson": string;
            };
        };
        responses: {
            /** @description Recorded and duplicate counts */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        received: number;
                        recorded: number;
                        duplicates: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listAssessmentRequests: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Open and answered requests */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        requests: {
                            requestId: string;
                            partnerId: string;
                            customerId: string;
                            /** @enum {string} */
                            status: "open" | "answered";
                            /** Format: date-time */
                            dueBy?: string;
                            note?: string;
                            /** Format: date-time */
                            requestedAt: string;
                            requestedBy: string;
                            answeredBy?: string;
                            /** Format: date-time */
                            answeredAt?: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    listOwnAssessments: {
        parameters: {
            query?: {
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of submissions */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assessments: {
                            assessmentId: string;
                            partnerId: string;
                            customerId: string;
                            externalRef: string;
                            grade?: string;
                            pd?: number;
                            score?: number;
                            scale: string;
                            rationale?: string;
                            /** Format: date-time */
                            validUntil?: string;
                            requestId?: string;
                            /** Format: date-time */
                            submittedAt: string;
                            submittedBy: string;
                        }[];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    submitAssessment: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customerId: string;
                    grade?: string;
                    pd?: number;
                    score?: number;
                    scale: string;
                    rationale?: string;
                    /** Format: date-time */
                    validUntil?: string;
                    externalRef: string;
                    requestId?: string;
                };
            };
        };
        responses: {
            /** @description A replay of an earlier submission */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assessment: {
                            assessmentId: string;
                            partnerId: string;
                            customerId: string;
                            externalRef: string;
                            grade?: string;
                            pd?: number;
                            score?: number;
                            scale: string;
                            rationale?: string;
                            /** Format: date-time */
                            validUntil?: string;
                            requestId?: string;
                            /** Format: date-time */
                            submittedAt: string;
                            submittedBy: string;
                        };
                        /** @description True when this externalRef was already submitted with the same content */
                        replayed: boolean;
                    };
                };
            };
            /** @description Stored */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assessment: {
                            assessmentId: string;
                            partnerId: string;
                            customerId: string;
                            externalRef: string;
                            grade?: string;
                            pd?: number;
                            score?: number;
                            scale: string;
                            rationale?: string;
                            /** Format: date-time */
                            validUntil?: string;
                            requestId?: string;
                            /** Format: date-time */
                            submittedAt: string;
                            submittedBy: string;
                        };
                        /** @description True when this externalRef was already submitted with the same content */
                        replayed: boolean;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    viewEngagedCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reduced view (audited) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer: {
                            customerId: string;
                            /** @enum {string} */
                            kind: "business" | "consumer";
                            legalName?: string;
                            tradingName?: string;
                            country?: string;
                            city?: string;
                            industry?: string;
                            /** @description Only the schemes the engagement names */
                            identifiers: {
                                scheme: string;
                                value: string;
                            }[];
                            engagement: {
                                engagementId: string;
                                /** @constant */
                                scope: "assess";
                                /** Format: date-time */
                                expiresAt?: string;
                            };
                            ownAssessments: {
                                partnerId: string;
                                assessmentId: string;
                                grade?: string;
                                pd?: number;
                                score?: number;
                                /** Format: date-time */
                                submittedAt: string;
                            }[];
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    partnerAccuracy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report, or insufficient outcomes */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accuracy: {
                            partnerId: string;
                            /** @constant */
                            status: "insufficient_outcomes";
                            message: string;
                            outcomes: number;
                            defaults: number;
                            required: {
                                outcomes: number;
                                defaults: number;
                            };
                        } | {
                            partnerId: string;
                            /** @constant */
                            status: "reported";
                            outcomes: number;
                            defaults: number;
                            auc: number;
                            calibration: {
                                meanPd: number;
                                observedDefaultRate: number;
                                ratio: number;
                                brier: number;
                                bins: {
                                    meanPd: number;
                                    observedDefaultRate: number;
                                    count: number;
                                }[];
                            };
                            suggestedWeight: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    requestAssessment: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customerId: string;
                    /** Format: date-time */
                    dueBy?: string;
                    note?: string;
                    /** Format: date-time */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description The request and the engagement it runs under */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        engagement: {
                            engagementId: string;
                            partnerId: string;
                            customerId: string;
                            /** @constant */
                            scope: "assess";
                            /**
                             * @description `expired`: past `expiresAt`, grants nothing; engage again to renew
                             * @enum {string}
                             */
                            status: "active" | "expired" | "ended";
                            identifierSchemes: ("cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external")[];
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            endedAt?: string;
                        };
                        request: {
                            requestId: string;
                            partnerId: string;
                            customerId: string;
                            /** @enum {string} */
                            status: "open" | "answered";
                            /** Format: date-time */
                            dueBy?: string;
                            note?: string;
                            /** Format: date-time */
                            requestedAt: string;
                            requestedBy: string;
                            answeredBy?: string;
                            /** Format: date-time */
                            answeredAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listEngagements: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Active, expired and ended engagements */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        engagements: {
                            engagementId: string;
                            partnerId: string;
                            customerId: string;
                            /** @constant */
                            scope: "assess";
                            /**
                             * @description `expired`: past `expiresAt`, grants nothing; engage again to renew
                             * @enum {string}
                             */
                            status: "active" | "expired" | "ended";
                            identifierSchemes: ("cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external")[];
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            endedAt?: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    engagePartner: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customerId: string;
                    /** @constant */
                    scope: "assess";
                    /** Format: date-time */
                    expiresAt?: string;
                    identifierSchemes?: ("cn_uscc" | "ein" | "duns" | "lei" | "vat" | "crm_record" | "bureau_subject" | "external")[];
                };
            };
        };
        responses: {
            /** @description Already engaged on these terms */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        engagement: {
                            engagementId: string;
                            partnerId: string;
                            customerId: string;
                            /** @constant */
                            scope: "assess";
                            /**
                             * @description `expired`: past `expiresAt`, grants nothing; engage again to renew
                             * @enum {string}
                             */
                            status: "active" | "expired" | "ended";
                            identifierSchemes: ("cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external")[];
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            endedAt?: string;
                        };
                    };
                };
            };
            /** @description Engaged */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        engagement: {
                            engagementId: string;
                            partnerId: string;
                            customerId: string;
                            /** @constant */
                            scope: "assess";
                            /**
                             * @description `expired`: past `expiresAt`, grants nothing; engage again to renew
                             * @enum {string}
                             */
                            status: "active" | "expired" | "ended";
                            identifierSchemes: ("cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external")[];
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            endedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    endEngagement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended (ending an ended engagement changes nothing) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        engagement: {
                            engagementId: string;
                            partnerId: string;
                            customerId: string;
                            /** @constant */
                            scope: "assess";
                            /**
                             * @description `expired`: past `expiresAt`, grants nothing; engage again to renew
                             * @enum {string}
                             */
                            status: "active" | "expired" | "ended";
                            identifierSchemes: ("cn_uscc" | "cn_resident_id" | "ein" | "duns" | "lei" | "vat" | "email" | "phone" | "crm_record" | "bureau_subject" | "external")[];
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            endedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listPeople: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every person */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        people: {
                            personId: string;
                            displayName: string;
                            /** Format: email */
                            email: string;
                            roles: ("admin" | "approver" | "analyst" | "auditor")[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            subject?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    createPerson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    personId: string;
                    displayName: string;
                    /** Format: email */
                    email: string;
                    /** @default [] */
                    roles?: ("admin" | "approver" | "analyst" | "auditor")[];
                    subject?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        person: {
                            personId: string;
                            displayName: string;
                            /** Format: email */
                            email: string;
                            roles: ("admin" | "approver" | "analyst" | "auditor")[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            subject?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        /** @description Privileged roles asked for, waiting for a second person */
                        approvals: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getPerson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                personId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The person */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        person: {
                            personId: string;
                            displayName: string;
                            /** Format: email */
                            email: string;
                            roles: ("admin" | "approver" | "analyst" | "auditor")[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            subject?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    grantRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                personId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "admin" | "approver" | "analyst" | "auditor";
                };
            };
        };
        responses: {
            /** @description Granted (or already held) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        person: {
                            personId: string;
                            displayName: string;
                            /** Format: email */
                            email: string;
                            roles: ("admin" | "approver" | "analyst" | "auditor")[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            subject?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description A privileged role: waiting for a second person */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        person: {
                            personId: string;
                            displayName: string;
                            /** Format: email */
                            email: string;
                            roles: ("admin" | "approver" | "analyst" | "auditor")[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            subject?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    revokeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                personId: string;
                role: "admin" | "approver" | "analyst" | "auditor";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or not held) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        person: {
                            personId: string;
                            displayName: string;
                            /** Format: email */
                            email: string;
                            roles: ("admin" | "approver" | "analyst" | "auditor")[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            subject?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every version, oldest first */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policies: {
                            version: number;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "backtested" | "approved" | "active" | "retired";
                            author: string;
                            approvals: {
                                by: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            backtested: boolean;
                            /** Format: date-time */
                            approvedAt?: string;
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            retiredAt?: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    createPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    schemaVersion: 2;
                    version: number;
                    name: string;
                    /** @enum {string} */
                    status: "draft" | "backtested" | "approved" | "active" | "retired";
                    description?: string;
                    currency: string;
                    scoring: {
                        /** @enum {string} */
                        family?: "scorecard" | "boosted";
                        pairs?: {
                            features: [
                                string,
                                string
                            ];
                            table: number[][];
                        }[];
                        features: {
                            id: string;
                            label: string;
                            path: string;
                            /**
                             * @default numeric
                             * @enum {string}
                             */
                            kind?: "numeric" | "categorical";
                            params?: {
                                [key: string]: string | number | boolean;
                            };
                            trainingColumn?: string;
                            formula?: {
                                /** @enum {string} */
                                op: "ratio" | "difference" | "sum" | "min" | "max" | "mean" | "count" | "trend";
                                inputs: {
                                    path: string;
                                    trainingColumn?: string;
                                }[];
                                atLeast?: number;
                            };
                        }[];
                        scaling: {
                            baseScore: number;
                            baseOdds: number;
                            pdo: number;
                        };
                        /** @default 0 */
                        basePoints?: number;
                        characteristics: ({
                            /** @constant */
                            type: "numeric";
                            feature: string;
                            bins: {
                                from?: number;
                                to?: number;
                                points: number;
                                woe?: number;
                            }[];
                            missingPoints: number;
                            reasonCode: string;
                            reasonText: string;
                            missingReasonText?: string;
                        } | {
                            /** @constant */
                            type: "categorical";
                            feature: string;
                            bins: {
                                values: string[];
                                points: number;
                                woe?: number;
                            }[];
                            otherPoints: number;
                            missingPoints: number;
                            reasonCode: string;
                            reasonText: string;
                            missingReasonText?: string;
                        })[];
                        minFeatures: number;
                    };
                    grades: {
                        scale: {
                            grade: string;
                            maxPd: number;
                        }[];
                        /** @default 90 */
                        defaultDpd?: number;
                    };
                    limits: {
                        /**
                         * @default min
                         * @enum {string}
                         */
                        combine?: "min" | "max";
                        /** @default true */
                        subtractExposure?: boolean;
                        /** @default 100 */
                        roundDownToMinor?: number;
                        byGrade: {
                            grade: string;
                            purchaseMultiple: number;
                            bureauShare: number;
                            capMinor: number;
                            floorMinor: number;
                        }[];
                    };
                    rfm: {
                        /** @default 12 */
                        windowMonths?: number;
                        recencyDays: number[];
                        frequency: number[];
                        monetaryMinor: number[];
                        segments: {
                            /** @enum {string} */
                            segment: "Champions" | "Loyal" | "Potential Loyalist" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "At Risk" | "Can't Lose" | "Hibernating" | "Lost";
                            r: [
                                number,
                                number
                            ];
                            f: [
                                number,
                                number
                            ];
                        }[];
                        /** @enum {string} */
                        edges?: "policy" | "fitted";
                    };
                    /**
                     * @default {
                     *       "weights": {},
                     *       "defaultWeight": 0.2,
                     *       "combine": "pooled"
                     *     }
                     */
                    partners?: {
                        /** @default {} */
                        weights?: {
                            [key: string]: number;
                        };
                        /** @default 0.2 */
                        defaultWeight?: number;
                        /**
                         * @default pooled
                         * @enum {string}
                         */
                        combine?: "pooled" | "max";
                        maxAgeDays?: number;
                        conflictThreshold?: {
                            logit?: number;
                            notches?: number;
                        };
                    };
                    /**
                     * @default {
                     *       "downgradeNotches": 2,
                     *       "dpdThresholds": [
                     *         30,
                     *         60
                     *       ],
                     *       "cooldownHours": 24,
                     *       "rules": [],
                     *       "sla": {
                     *         "critical": {
                     *           "acknowledgeHours": 1,
                     *           "resolveHours": 24
                     *         },
                     *         "warning": {
                     *           "acknowledgeHours": 4,
                     *           "resolveHours": 72
                     *         },
                     *         "info": {
                     *           "acknowledgeHours": 24,
                     *           "resolveHours": 168
                     *         }
                     *       }
                     *     }
                     */
                    alerts?: {
                        /** @default 2 */
                        downgradeNotches?: number;
                        /**
                         * @default [
                         *       30,
                         *       60
                         *     ]
                         */
                        dpdThresholds?: number[];
                        /** @default 24 */
                        cooldownHours?: number;
                        /** @default [] */
                        rules?: ({
                            id: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @default {rule}:{customerId} */
                            dedupeKey?: string;
                            cooldownHours?: number;
                            /** @constant */
                            kind: "downgrade";
                            notches: number;
                        } | {
                            id: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @default {rule}:{customerId} */
                            dedupeKey?: string;
                            cooldownHours?: number;
                            /** @constant */
                            kind: "pd_jump";
                            minIncrease: number;
                            minRatio?: number;
                        } | {
                            id: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @default {rule}:{customerId} */
                            dedupeKey?: string;
                            cooldownHours?: number;
                            /** @constant */
                            kind: "dpd";
                            thresholds: number[];
                        } | {
                            id: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @default {rule}:{customerId} */
                            dedupeKey?: string;
                            cooldownHours?: number;
                            /** @constant */
                            kind: "default";
                        } | {
                            id: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @default {rule}:{customerId} */
                            dedupeKey?: string;
                            cooldownHours?: number;
                            /** @constant */
                            kind: "bureau_score_drop";
                            points: number;
                            /** @default bureau_score */
                            feature?: string;
                        } | {
                            id: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @default {rule}:{customerId} */
                            dedupeKey?: string;
                            cooldownHours?: number;
                            /** @constant */
                            kind: "public_record";
                            /** @default public_records */
                            feature?: string;
                        } | {
                            id: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @default {rule}:{customerId} */
                            dedupeKey?: string;
                            cooldownHours?: number;
                            /** @constant */
                            kind: "utilisation";
                            abovePercent: number;
                        } | {
                            id: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @default {rule}:{customerId} */
                            dedupeKey?: string;
                            cooldownHours?: number;
                            /** @constant */
                            kind: "anomaly";
                            /** @enum {string} */
                            metric: "order_volume" | "payment_delay" | "exposure_growth";
                            /** @enum {string} */
                            period: "week" | "month";
                            /** @default 2.75 */
                            threshold?: number;
                            /**
                             * @default up
                             * @enum {string}
                             */
                            direction?: "up" | "down" | "both";
                            /** @default 6 */
                            minPeriods?: number;
                            /** @default 0.03 */
                            alpha?: number;
                        } | {
                            id: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            /** @default {rule}:{customerId} */
                            dedupeKey?: string;
                            cooldownHours?: number;
                            /** @constant */
                            kind: "event";
                            eventType: string;
                        })[];
                        /**
                         * @default {
                         *       "critical": {
                         *         "acknowledgeHours": 1,
                         *         "resolveHours": 24
                         *       },
                         *       "warning": {
                         *         "acknowledgeHours": 4,
                         *         "resolveHours": 72
                         *       },
                         *       "info": {
                         *         "acknowledgeHours": 24,
                         *         "resolveHours": 168
                         *       }
                         *     }
                         */
                        sla?: {
                            /**
                             * @default {
                             *       "acknowledgeHours": 1,
                             *       "resolveHours": 24
                             *     }
                             */
                            critical?: {
                                acknowledgeHours: number;
                                resolveHours: number;
                            };
                            /**
                             * @default {
                             *       "acknowledgeHours": 4,
                             *       "resolveHours": 72
                             *     }
                             */
                            warning?: {
                                acknowledgeHours: number;
                                resolveHours: number;
                            };
                            /**
                             * @default {
                             *       "acknowledgeHours": 24,
                             *       "resolveHours": 168
                             *     }
                             */
                            info?: {
                                acknowledgeHours: number;
                                resolveHours: number;
                            };
                            calendar?: {
                                utcOffsetMinutes: number;
                                workingHours: {
                                    from: string;
                                    to: string;
                                };
                                /**
                                 * @default [
                                 *       1,
                                 *       2,
                                 *       3,
                                 *       4,
                                 *       5
                                 *     ]
                                 */
                                workingDays?: number[];
                                /** @default [] */
                                holidays?: string[];
                                /** @default [] */
                                makeUpWorkingDays?: string[];
                            };
                        };
                    };
                    /**
                     * @default {
                     *       "onDefault": "freeze_limit",
                     *       "onAlert": []
                     *     }
                     */
                    measures?: {
                        /**
                         * @default freeze_limit
                         * @enum {string}
                         */
                        onDefault?: "freeze_limit" | "none";
                        /** @default [] */
                        onAlert?: {
                            rule: string;
                            take: {
                                /** @enum {string} */
                                type: "freeze_new_orders" | "freeze_all_credit" | "reduce_limit" | "require_prepayment" | "hold_shipments" | "hand_over_to_collections";
                                /** @default {} */
                                params?: {
                                    keepPercent?: number;
                                    capMinor?: number;
                                };
                                expiresAfterHours?: number;
                            }[];
                        }[];
                    };
                    /**
                     * @default {
                     *       "rerateHours": {
                     *         "default": 24,
                     *         "byGrade": {}
                     *       },
                     *       "bureauRefreshDays": {
                     *         "default": 90,
                     *         "byGrade": {}
                     *       },
                     *       "openAlerts": {
                     *         "severity": "warning",
                     *         "rerateHours": 6,
                     *         "bureauRefreshDays": 7
                     *       },
                     *       "bureauBudget": {
                     *         "pulls": 100,
                     *         "period": "day"
                     *       }
                     *     }
                     */
                    cadence?: {
                        /**
                         * @default {
                         *       "default": 24,
                         *       "byGrade": {}
                         *     }
                         */
                        rerateHours?: {
                            default: number;
                            /** @default {} */
                            byGrade?: {
                                [key: string]: number;
                            };
                        };
                        /**
                         * @default {
                         *       "default": 90,
                         *       "byGrade": {}
                         *     }
                         */
                        bureauRefreshDays?: {
                            default: number;
                            /** @default {} */
                            byGrade?: {
                                [key: string]: number;
                            };
                        };
                        /**
                         * @default {
                         *       "severity": "warning",
                         *       "rerateHours": 6,
                         *       "bureauRefreshDays": 7
                         *     }
                         */
                        openAlerts?: {
                            /**
                             * @default warning
                             * @enum {string}
                             */
                            severity?: "info" | "warning" | "critical";
                            /** @default 6 */
                            rerateHours?: number;
                            /** @default 7 */
                            bureauRefreshDays?: number;
                        };
                        /**
                         * @default {
                         *       "pulls": 100,
                         *       "period": "day"
                         *     }
                         */
                        bureauBudget?: {
                            pulls: number;
                            /** @enum {string} */
                            period: "day" | "week" | "month";
                        };
                    };
                    /**
                     * @default {
                     *       "slaHours": 720,
                     *       "excludeDisputedInvoices": true
                     *     }
                     */
                    disputes?: {
                        /** @default 720 */
                        slaHours?: number;
                        /** @default true */
                        excludeDisputedInvoices?: boolean;
                    };
                    training?: {
                        dataset: string;
                        rows: number;
                        target: string;
                        folds: number;
                        auc: number;
                        ks: number;
                        gini: number;
                        cutoffPd?: number;
                        /** Format: date-time */
                        trainedAt: string;
                        sha256?: string;
                        toolVersion?: string;
                        flags?: string[];
                        seed?: number;
                        /** @enum {string} */
                        calibration?: "none" | "platt";
                        scoreDistribution?: {
                            edges: number[];
                            shares: number[];
                            rows: number;
                            psiThreshold?: number;
                        };
                    };
                } | {
                    /** @constant */
                    schemaVersion?: 1;
                    version: number;
                    name: string;
                    /** @enum {string} */
                    status: "draft" | "backtested" | "approved" | "active" | "retired";
                    description?: string;
                    currency: string;
                    features: {
                        id: string;
                        label: string;
                        extractor: {
                            /** @constant */
                            type: "bureau_score_percentile";
                            /** @enum {string} */
                            bureau?: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                            model?: string;
                            /**
                             * @default worst
                             * @enum {string}
                             */
                            combine?: "worst" | "first" | "mean";
                        } | {
                            /** @constant */
                            type: "worst_days_past_due";
                            /** @default true */
                            includeBureaus?: boolean;
                        } | {
                            /** @constant */
                            type: "overdue_ratio";
                        } | {
                            /** @constant */
                            type: "days_since_last_order";
                        } | {
                            /** @constant */
                            type: "orders_12m";
                            /** @default 12 */
                            months?: number;
                        } | {
                            /** @constant */
                            type: "net_sales_12m";
                            /** @default 12 */
                            months?: number;
                        } | {
                            /** @constant */
                            type: "payment_days_late_avg";
                        } | {
                            /** @constant */
                            type: "late_payment_share";
                        } | {
                            /** @constant */
                            type: "public_records";
                            /** @enum {string} */
                            bureau?: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                        } | {
                            /** @constant */
                            type: "inquiries_12m";
                            /** @enum {string} */
                            bureau?: "experian" | "equifax" | "transunion" | "dnb" | "creditsafe" | "pboc";
                        } | {
                            /** @constant */
                            type: "paydex";
                        } | {
                            /** @constant */
                            type: "partner_pd";
                            /** @default 365 */
                            maxAgeDays?: number;
                        } | {
                            /** @constant */
                            type: "years_in_business";
                        } | {
                            /** @constant */
                            type: "column";
                            column: string;
                            /** @enum {string} */
                            kind: "numeric" | "categorical";
                        };
                    }[];
                    scorecard: {
                        scaling: {
                            baseScore: number;
                            baseOdds: number;
                            pdo: number;
                        };
                        /** @default 0 */
                        basePoints?: number;
                        characteristics: ({
                            /** @constant */
                            type: "numeric";
                            feature: string;
                            bins: {
                                from?: number;
                                to?: number;
                                points: number;
                                woe?: number;
                            }[];
                            missingPoints: number;
                            reasonCode: string;
                            reasonText: string;
                            missingReasonText?: string;
                        } | {
                            /** @constant */
                            type: "categorical";
                            feature: string;
                            bins: {
                                values: string[];
                                points: number;
                                woe?: number;
                            }[];
                            otherPoints: number;
                            missingPoints: number;
                            reasonCode: string;
                            reasonText: string;
                            missingReasonText?: string;
                        })[];
                    };
                    masterScale: {
                        grade: string;
                        maxPd: number;
                    }[];
                    rfm: {
                        /** @default 12 */
                        windowMonths?: number;
                        recencyDays: number[];
                        frequency: number[];
                        monetaryMinor: number[];
                        segments: {
                            /** @enum {string} */
                            segment: "Champions" | "Loyal" | "Potential Loyalist" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "At Risk" | "Can't Lose" | "Hibernating" | "Lost";
                            r: [
                                number,
                                number
                            ];
                            f: [
                                number,
                                number
                            ];
                        }[];
                        /** @enum {string} */
                        edges?: "policy" | "fitted";
                    };
                    limits: {
                        /**
                         * @default min
                         * @enum {string}
                         */
                        combine?: "min" | "max";
                        /** @default true */
                        subtractExposure?: boolean;
                        /** @default 100 */
                        roundDownToMinor?: number;
                        byGrade: {
                            grade: string;
                            purchaseMultiple: number;
                            bureauShare: number;
                            capMinor: number;
                            floorMinor: number;
                        }[];
                    };
                    alerts: {
                        /** @default 2 */
                        downgradeNotches?: number;
                        /**
                         * @default [
                         *       30,
                         *       60
                         *     ]
                         */
                        dpdThresholds?: number[];
                        /** @default 90 */
                        defaultDpd?: number;
                        /**
                         * @default freeze_limit
                         * @enum {string}
                         */
                        onDefault?: "freeze_limit" | "none";
                        /** @description Not supported yet (alert cool-downs are set in policy format 2 (alerts.cooldownHours)); a policy that sets it is refused (422 not_supported). */
                        cooldownHours?: unknown;
                        /** @description Not supported yet (anomaly rules are set in policy format 2 (alerts.rules with kind "anomaly")); a policy that sets it is refused (422 not_supported). */
                        anomaly?: unknown;
                    };
                    minimumData: {
                        minFeatures: number;
                    };
                    training?: {
                        dataset: string;
                        rows: number;
                        target: string;
                        folds: number;
                        auc: number;
                        ks: number;
                        gini: number;
                        cutoffPd?: number;
                        /** Format: date-time */
                        trainedAt: string;
                    };
                    partnerWeights?: {
                        [key: string]: number;
                    };
                };
            };
        };
        responses: {
            /** @description Stored as a draft */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policy: {
                            policy: {
                                /** @constant */
                                schemaVersion: 2;
                                version: number;
                                name: string;
                                /** @enum {string} */
                                status: "draft" | "backtested" | "approved" | "active" | "retired";
                                description?: string;
                                currency: string;
                                scoring: {
                                    /** @enum {string} */
                                    family?: "scorecard" | "boosted";
                                    pairs?: {
                                        features: [
                                            string,
                                            string
                                        ];
                                        table: number[][];
                                    }[];
                                    features: {
                                        id: string;
                                        label: string;
                                        path: string;
                                        /**
                                         * @default numeric
                                         * @enum {string}
                                         */
                                        kind: "numeric" | "categorical";
                                        params?: {
                                            [key: string]: string | number | boolean;
                                        };
                                        trainingColumn?: string;
                                        formula?: {
                                            /** @enum {string} */
                                            op: "ratio" | "difference" | "sum" | "min" | "max" | "mean" | "count" | "trend";
                                            inputs: {
                                                path: string;
                                                trainingColumn?: string;
                                            }[];
                                            atLeast?: number;
                                        };
                                    }[];
                                    scaling: {
                                        baseScore: number;
                                        baseOdds: number;
                                        pdo: number;
                                    };
                                    /** @default 0 */
                                    basePoints: number;
                                    characteristics: ({
                                        /** @constant */
                                        type: "numeric";
                                        feature: string;
                                        bins: {
                                            from?: number;
                                            to?: number;
                                            points: number;
                                            woe?: number;
                                        }[];
                                        missingPoints: number;
                                        reasonCode: string;
                                        reasonText: string;
                                        missingReasonText?: string;
                                    } | {
                                        /** @constant */
                                        type: "categorical";
                                        feature: string;
                                        bins: {
                                            values: string[];
                                            points: number;
                                            woe?: number;
                                        }[];
                                        otherPoints: number;
                                        missingPoints: number;
                                        reasonCode: string;
                                        reasonText: string;
                                        missingReasonText?: string;
                                    })[];
                                    minFeatures: number;
                                };
                                grades: {
                                    scale: {
                                        grade: string;
                                        maxPd: number;
                                    }[];
                                    /** @default 90 */
                                    defaultDpd: number;
                                };
                                limits: {
                                    /**
                                     * @default min
                                     * @enum {string}
                                     */
                                    combine: "min" | "max";
                                    /** @default true */
                                    subtractExposure: boolean;
                                    /** @default 100 */
                                    roundDownToMinor: number;
                                    byGrade: {
                                        grade: string;
                                        purchaseMultiple: number;
                                        bureauShare: number;
                                        capMinor: number;
                                        floorMinor: number;
                                    }[];
                                };
                                rfm: {
                                    /** @default 12 */
                                    windowMonths: number;
                                    recencyDays: number[];
                                    frequency: number[];
                                    monetaryMinor: number[];
                                    segments: {
                                        /** @enum {string} */
                                        segment: "Champions" | "Loyal" | "Potential Loyalist" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "At Risk" | "Can't Lose" | "Hibernating" | "Lost";
                                        r: [
                                            number,
                                            number
                                        ];
                                        f: [
                                            number,
                                            number
                                        ];
                                    }[];
                                    /** @enum {string} */
                                    edges?: "policy" | "fitted";
                                };
                                /**
                                 * @default {
                                 *       "weights": {},
                                 *       "defaultWeight": 0.2,
                                 *       "combine": "pooled"
                                 *     }
                                 */
                                partners: {
                                    /** @default {} */
                                    weights: {
                                        [key: string]: number;
                                    };
                                    /** @default 0.2 */
                                    defaultWeight: number;
                                    /**
                                     * @default pooled
                                     * @enum {string}
                                     */
                                    combine: "pooled" | "max";
                                    maxAgeDays?: number;
                                    conflictThreshold?: {
                                        logit?: number;
                                        notches?: number;
                                    };
                                };
                                /**
                                 * @default {
                                 *       "downgradeNotches": 2,
                                 *       "dpdThresholds": [
                                 *         30,
                                 *         60
                                 *       ],
                                 *       "cooldownHours": 24,
                                 *       "rules": [],
                                 *       "sla": {
                                 *         "critical": {
                                 *           "acknowledgeHours": 1,
                                 *           "resolveHours": 24
                                 *         },
                                 *         "warning": {
                                 *           "acknowledgeHours": 4,
                                 *           "resolveHours": 72
                                 *         },
                                 *         "info": {
                                 *           "acknowledgeHours": 24,
                                 *           "resolveHours": 168
                                 *         }
                                 *       }
                                 *     }
                                 */
                                alerts: {
                                    /** @default 2 */
                                    downgradeNotches: number;
                                    /**
                                     * @default [
                                     *       30,
                                     *       60
                                     *     ]
                                     */
                                    dpdThresholds: number[];
                                    /** @default 24 */
                                    cooldownHours: number;
                                    /** @default [] */
                                    rules: ({
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "downgrade";
                                        notches: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "pd_jump";
                                        minIncrease: number;
                                        minRatio?: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "dpd";
                                        thresholds: number[];
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "default";
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "bureau_score_drop";
                                        points: number;
                                        /** @default bureau_score */
                                        feature: string;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "public_record";
                                        /** @default public_records */
                                        feature: string;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "utilisation";
                                        abovePercent: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "anomaly";
                                        /** @enum {string} */
                                        metric: "order_volume" | "payment_delay" | "exposure_growth";
                                        /** @enum {string} */
                                        period: "week" | "month";
                                        /** @default 2.75 */
                                        threshold: number;
                                        /**
                                         * @default up
                                         * @enum {string}
                                         */
                                        direction: "up" | "down" | "both";
                                        /** @default 6 */
                                        minPeriods: number;
                                        /** @default 0.03 */
                                        alpha: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "event";
                                        eventType: string;
                                    })[];
                                    /**
                                     * @default {
                                     *       "critical": {
                                     *         "acknowledgeHours": 1,
                                     *         "resolveHours": 24
                                     *       },
                                     *       "warning": {
                                     *         "acknowledgeHours": 4,
                                     *         "resolveHours": 72
                                     *       },
                                     *       "info": {
                                     *         "acknowledgeHours": 24,
                                     *         "resolveHours": 168
                                     *       }
                                     *     }
                                     */
                                    sla: {
                                        /**
                                         * @default {
                                         *       "acknowledgeHours": 1,
                                         *       "resolveHours": 24
                                         *     }
                                         */
                                        critical: {
                                            acknowledgeHours: number;
                                            resolveHours: number;
                                        };
                                        /**
                                         * @default {
                                         *       "acknowledgeHours": 4,
                                         *       "resolveHours": 72
                                         *     }
                                         */
                                        warning: {
                                            acknowledgeHours: number;
                                            resolveHours: number;
                                        };
                                        /**
                                         * @default {
                                         *       "acknowledgeHours": 24,
                                         *       "resolveHours": 168
                                         *     }
                                         */
                                        info: {
                                            acknowledgeHours: number;
                                            resolveHours: number;
                                        };
                                        calendar?: {
                                            utcOffsetMinutes: number;
                                            workingHours: {
                                                from: string;
                                                to: string;
                                            };
                                            /**
                                             * @default [
                                             *       1,
                                             *       2,
                                             *       3,
                                             *       4,
                                             *       5
                                             *     ]
                                             */
                                            workingDays: number[];
                                            /** @default [] */
                                            holidays: string[];
                                            /** @default [] */
                                            makeUpWorkingDays: string[];
                                        };
                                    };
                                };
                                /**
                                 * @default {
                                 *       "onDefault": "freeze_limit",
                                 *       "onAlert": []
                                 *     }
                                 */
                                measures: {
                                    /**
                                     * @default freeze_limit
                                     * @enum {string}
                                     */
                                    onDefault: "freeze_limit" | "none";
                                    /** @default [] */
                                    onAlert: {
                                        rule: string;
                                        take: {
                                            /** @enum {string} */
                                            type: "freeze_new_orders" | "freeze_all_credit" | "reduce_limit" | "require_prepayment" | "hold_shipments" | "hand_over_to_collections";
                                            /** @default {} */
                                            params: {
                                                keepPercent?: number;
                                                capMinor?: number;
                                            };
                                            expiresAfterHours?: number;
                                        }[];
                                    }[];
                                };
                                /**
                                 * @default {
                                 *       "rerateHours": {
                                 *         "default": 24,
                                 *         "byGrade": {}
                                 *       },
                                 *       "bureauRefreshDays": {
                                 *         "default": 90,
                                 *         "byGrade": {}
                                 *       },
                                 *       "openAlerts": {
                                 *         "severity": "warning",
                                 *         "rerateHours": 6,
                                 *         "bureauRefreshDays": 7
                                 *       },
                                 *       "bureauBudget": {
                                 *         "pulls": 100,
                                 *         "period": "day"
                                 *       }
                                 *     }
                                 */
                                cadence: {
                                    /**
                                     * @default {
                                     *       "default": 24,
                                     *       "byGrade": {}
                                     *     }
                                     */
                                    rerateHours: {
                                        default: number;
                                        /** @default {} */
                                        byGrade: {
                                            [key: string]: number;
                                        };
                                    };
                                    /**
                                     * @default {
                                     *       "default": 90,
                                     *       "byGrade": {}
                                     *     }
                                     */
                                    bureauRefreshDays: {
                                        default: number;
                                        /** @default {} */
                                        byGrade: {
                                            [key: string]: number;
                                        };
                                    };
                                    /**
                                     * @default {
                                     *       "severity": "warning",
                                     *       "rerateHours": 6,
                                     *       "bureauRefreshDays": 7
                                     *     }
                                     */
                                    openAlerts: {
                                        /**
                                         * @default warning
                                         * @enum {string}
                                         */
                                        severity: "info" | "warning" | "critical";
                                        /** @default 6 */
                                        rerateHours: number;
                                        /** @default 7 */
                                        bureauRefreshDays: number;
                                    };
                                    /**
                                     * @default {
                                     *       "pulls": 100,
                                     *       "period": "day"
                                     *     }
                                     */
                                    bureauBudget: {
                                        pulls: number;
                                        /** @enum {string} */
                                        period: "day" | "week" | "month";
                                    };
                                };
                                /**
                                 * @default {
                                 *       "slaHours": 720,
                                 *       "excludeDisputedInvoices": true
                                 *     }
                                 */
                                disputes: {
                                    /** @default 720 */
                                    slaHours: number;
                                    /** @default true */
                                    excludeDisputedInvoices: boolean;
                                };
                                training?: {
                                    dataset: string;
                                    rows: number;
                                    target: string;
                                    folds: number;
                                    auc: number;
                                    ks: number;
                                    gini: number;
                                    cutoffPd?: number;
                                    /** Format: date-time */
                                    trainedAt: string;
                                    sha256?: string;
                                    toolVersion?: string;
                                    flags?: string[];
                                    seed?: number;
                                    /** @enum {string} */
                                    calibration?: "none" | "platt";
                                    scoreDistribution?: {
                                        edges: number[];
                                        shares: number[];
                                        rows: number;
                                        psiThreshold?: number;
                                    };
                                };
                            };
                            /** @enum {string} */
                            status: "draft" | "backtested" | "approved" | "active" | "retired";
                            author: string;
                            approvals: {
                                by: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            backtest?: {
                                activeVersion: number;
                                draftVersion: number;
                                /** Format: date-time */
                                ranAt: string;
                                profiles: number;
                                grades: string[];
                                migration: {
                                    [key: string]: {
                                        [key: string]: number;
                                    };
                                };
                                countsByGrade: {
                                    active: {
                                        [key: string]: number;
                                    };
                                    draft: {
                                        [key: string]: number;
                                    };
                                };
                                insufficientData: {
                                    active: number;
                                    draft: number;
                                };
                                upgrades: number;
                                downgrades: number;
                                limits: {
                                    [key: string]: {
                                        activeMinor: number;
                                        draftMinor: number;
                                        deltaMinor: number;
                                        up: number;
                                        down: number;
                                        unchanged: number;
                                    };
                                };
                            };
                            /** Format: date-time */
                            approvedAt?: string;
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            retiredAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getActivePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The active record */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policy: {
                            policy: {
                                /** @constant */
                                schemaVersion: 2;
                                version: number;
                                name: string;
                                /** @enum {string} */
                                status: "draft" | "backtested" | "approved" | "active" | "retired";
                                description?: string;
                                currency: string;
                                scoring: {
                                    /** @enum {string} */
                                    family?: "scorecard" | "boosted";
                                    pairs?: {
                                        features: [
                                            string,
                                            string
                                        ];
                                        table: number[][];
                                    }[];
                                    features: {
                                        id: string;
                                        label: string;
                                        path: string;
                                        /**
                                         * @default numeric
                                         * @enum {string}
                                         */
                                        kind: "numeric" | "categorical";
                                        params?: {
                                            [key: string]: string | number | boolean;
                                        };
                                        trainingColumn?: string;
                                        formula?: {
                                            /** @enum {string} */
                                            op: "ratio" | "difference" | "sum" | "min" | "max" | "mean" | "count" | "trend";
                                            inputs: {
                                                path: string;
                                                trainingColumn?: string;
                                            }[];
                                            atLeast?: number;
                                        };
                                    }[];
                                    scaling: {
                                        baseScore: number;
                                        baseOdds: number;
                                        pdo: number;
                                    };
                                    /** @default 0 */
                                    basePoints: number;
                                    characteristics: ({
                                        /** @constant */
                                        type: "numeric";
                                        feature: string;
                                        bins: {
                                            from?: number;
                                            to?: number;
                                            points: number;
                                            woe?: number;
                                        }[];
                                        missingPoints: number;
                                        reasonCode: string;
                                        reasonText: string;
                                        missingReasonText?: string;
                                    } | {
                                        /** @constant */
                                        type: "categorical";
                                        feature: string;
                                        bins: {
                                            values: string[];
                                            points: number;
                                            woe?: number;
                                        }[];
                                        otherPoints: number;
                                        missingPoints: number;
                                        reasonCode: string;
                                        reasonText: string;
                                        missingReasonText?: string;
                                    })[];
                                    minFeatures: number;
                                };
                                grades: {
                                    scale: {
                                        grade: string;
                                        maxPd: number;
                                    }[];
                                    /** @default 90 */
                                    defaultDpd: number;
                                };
                                limits: {
                                    /**
                                     * @default min
                                     * @enum {string}
                                     */
                                    combine: "min" | "max";
                                    /** @default true */
                                    subtractExposure: boolean;
                                    /** @default 100 */
                                    roundDownToMinor: number;
                                    byGrade: {
                                        grade: string;
                                        purchaseMultiple: number;
                                        bureauShare: number;
                                        capMinor: number;
                                        floorMinor: number;
                                    }[];
                                };
                                rfm: {
                                    /** @default 12 */
                                    windowMonths: number;
                                    recencyDays: number[];
                                    frequency: number[];
                                    monetaryMinor: number[];
                                    segments: {
                                        /** @enum {string} */
                                        segment: "Champions" | "Loyal" | "Potential Loyalist" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "At Risk" | "Can't Lose" | "Hibernating" | "Lost";
                                        r: [
                                            number,
                                            number
                                        ];
                                        f: [
                                            number,
                                            number
                                        ];
                                    }[];
                                    /** @enum {string} */
                                    edges?: "policy" | "fitted";
                                };
                                /**
                                 * @default {
                                 *       "weights": {},
                                 *       "defaultWeight": 0.2,
                                 *       "combine": "pooled"
                                 *     }
                                 */
                                partners: {
                                    /** @default {} */
                                    weights: {
                                        [key: string]: number;
                                    };
                                    /** @default 0.2 */
                                    defaultWeight: number;
                                    /**
                                     * @default pooled
                                     * @enum {string}
                                     */
                                    combine: "pooled" | "max";
                                    maxAgeDays?: number;
                                    conflictThreshold?: {
                                        logit?: number;
                                        notches?: number;
                                    };
                                };
                                /**
                                 * @default {
                                 *       "downgradeNotches": 2,
                                 *       "dpdThresholds": [
                                 *         30,
                                 *         60
                                 *       ],
                                 *       "cooldownHours": 24,
                                 *       "rules": [],
                                 *       "sla": {
                                 *         "critical": {
                                 *           "acknowledgeHours": 1,
                                 *           "resolveHours": 24
                                 *         },
                                 *         "warning": {
                                 *           "acknowledgeHours": 4,
                                 *           "resolveHours": 72
                                 *         },
                                 *         "info": {
                                 *           "acknowledgeHours": 24,
                                 *           "resolveHours": 168
                                 *         }
                                 *       }
                                 *     }
                                 */
                                alerts: {
                                    /** @default 2 */
                                    downgradeNotches: number;
                                    /**
                                     * @default [
                                     *       30,
                                     *       60
                                     *     ]
                                     */
                                    dpdThresholds: number[];
                                    /** @default 24 */
                                    cooldownHours: number;
                                    /** @default [] */
                                    rules: ({
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "downgrade";
                                        notches: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "pd_jump";
                                        minIncrease: number;
                                        minRatio?: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "dpd";
                                        thresholds: number[];
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "default";
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "bureau_score_drop";
                                        points: number;
                                        /** @default bureau_score */
                                        feature: string;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "public_record";
                                        /** @default public_records */
                                        feature: string;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "utilisation";
                                        abovePercent: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "anomaly";
                                        /** @enum {string} */
                                        metric: "order_volume" | "payment_delay" | "exposure_growth";
                                        /** @enum {string} */
                                        period: "week" | "month";
                                        /** @default 2.75 */
                                        threshold: number;
                                        /**
                                         * @default up
                                         * @enum {string}
                                         */
                                        direction: "up" | "down" | "both";
                                        /** @default 6 */
                                        minPeriods: number;
                                        /** @default 0.03 */
                                        alpha: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "event";
                                        eventType: string;
                                    })[];
                                    /**
                                     * @default {
                                     *       "critical": {
                                     *         "acknowledgeHours": 1,
                                     *         "resolveHours": 24
                                     *       },
                                     *       "warning": {
                                     *         "acknowledgeHours": 4,
                                     *         "resolveHours": 72
                                     *       },
                                     *       "info": {
                                     *         "acknowledgeHours": 24,
                                     *         "resolveHours": 168
                                     *       }
                                     *     }
                                     */
                                    sla: {
                                        /**
                                         * @default {
                                         *       "acknowledgeHours": 1,
                                         *       "resolveHours": 24
                                         *     }
                                         */
                                        critical: {
                                            acknowledgeHours: number;
                                            resolveHours: number;
                                        };
                                        /**
                                         * @default {
                                         *       "acknowledgeHours": 4,
                                         *       "resolveHours": 72
                                         *     }
                                         */
                                        warning: {
                                            acknowledgeHours: number;
                                            resolveHours: number;
                                        };
                                        /**
                                         * @default {
                                         *       "acknowledgeHours": 24,
                                         *       "resolveHours": 168
                                         *     }
                                         */
                                        info: {
                                            acknowledgeHours: number;
                                            resolveHours: number;
                                        };
                                        calendar?: {
                                            utcOffsetMinutes: number;
                                            workingHours: {
                                                from: string;
                                                to: string;
                                            };
                                            /**
                                             * @default [
                                             *       1,
                                             *       2,
                                             *       3,
                                             *       4,
                                             *       5
                                             *     ]
                                             */
                                            workingDays: number[];
                                            /** @default [] */
                                            holidays: string[];
                                            /** @default [] */
                                            makeUpWorkingDays: string[];
                                        };
                                    };
                                };
                                /**
                                 * @default {
                                 *       "onDefault": "freeze_limit",
                                 *       "onAlert": []
                                 *     }
                                 */
                                measures: {
                                    /**
                                     * @default freeze_limit
                                     * @enum {string}
                                     */
                                    onDefault: "freeze_limit" | "none";
                                    /** @default [] */
                                    onAlert: {
                                        rule: string;
                                        take: {
                                            /** @enum {string} */
                                            type: "freeze_new_orders" | "freeze_all_credit" | "reduce_limit" | "require_prepayment" | "hold_shipments" | "hand_over_to_collections";
                                            /** @default {} */
                                            params: {
                                                keepPercent?: number;
                                                capMinor?: number;
                                            };
                                            expiresAfterHours?: number;
                                        }[];
                                    }[];
                                };
                                /**
                                 * @default {
                                 *       "rerateHours": {
                                 *         "default": 24,
                                 *         "byGrade": {}
                                 *       },
                                 *       "bureauRefreshDays": {
                                 *         "default": 90,
                                 *         "byGrade": {}
                                 *       },
                                 *       "openAlerts": {
                                 *         "severity": "warning",
                                 *         "rerateHours": 6,
                                 *         "bureauRefreshDays": 7
                                 *       },
                                 *       "bureauBudget": {
                                 *         "pulls": 100,
                                 *         "period": "day"
                                 *       }
                                 *     }
                                 */
                                cadence: {
                                    /**
                                     * @default {
                                     *       "default": 24,
                                     *       "byGrade": {}
                                     *     }
                                     */
                                    rerateHours: {
                                        default: number;
                                        /** @default {} */
                                        byGrade: {
                                            [key: string]: number;
                                        };
                                    };
                                    /**
                                     * @default {
                                     *       "default": 90,
                                     *       "byGrade": {}
                                     *     }
                                     */
                                    bureauRefreshDays: {
                                        default: number;
                                        /** @default {} */
                                        byGrade: {
                                            [key: string]: number;
                                        };
                                    };
                                    /**
                                     * @default {
                                     *       "severity": "warning",
                                     *       "rerateHours": 6,
                                     *       "bureauRefreshDays": 7
                                     *     }
                                     */
                                    openAlerts: {
                                        /**
                                         * @default warning
                                         * @enum {string}
                                         */
                                        severity: "info" | "warning" | "critical";
                                        /** @default 6 */
                                        rerateHours: number;
                                        /** @default 7 */
                                        bureauRefreshDays: number;
                                    };
                                    /**
                                     * @default {
                                     *       "pulls": 100,
                                     *       "period": "day"
                                     *     }
                                     */
                                    bureauBudget: {
                                        pulls: number;
                                        /** @enum {string} */
                                        period: "day" | "week" | "month";
                                    };
                                };
                                /**
                                 * @default {
                                 *       "slaHours": 720,
                                 *       "excludeDisputedInvoices": true
                                 *     }
                                 */
                                disputes: {
                                    /** @default 720 */
                                    slaHours: number;
                                    /** @default true */
                                    excludeDisputedInvoices: boolean;
                                };
                                training?: {
                                    dataset: string;
                                    rows: number;
                                    target: string;
                                    folds: number;
                                    auc: number;
                                    ks: number;
                                    gini: number;
                                    cutoffPd?: number;
                                    /** Format: date-time */
                                    trainedAt: string;
                                    sha256?: string;
                                    toolVersion?: string;
                                    flags?: string[];
                                    seed?: number;
                                    /** @enum {string} */
                                    calibration?: "none" | "platt";
                                    scoreDistribution?: {
                                        edges: number[];
                                        shares: number[];
                                        rows: number;
                                        psiThreshold?: number;
                                    };
                                };
                            };
                            /** @enum {string} */
                            status: "draft" | "backtested" | "approved" | "active" | "retired";
                            author: string;
                            approvals: {
                                by: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            backtest?: {
                                activeVersion: number;
                                draftVersion: number;
                                /** Format: date-time */
                                ranAt: string;
                                profiles: number;
                                grades: string[];
                                migration: {
                                    [key: string]: {
                                        [key: string]: number;
                                    };
                                };
                                countsByGrade: {
                                    active: {
                                        [key: string]: number;
                                    };
                                    draft: {
                                        [key: string]: number;
                                    };
                                };
                                insufficientData: {
                                    active: number;
                                    draft: number;
                                };
                                upgrades: number;
                                downgrades: number;
                                limits: {
                                    [key: string]: {
                                        activeMinor: number;
                                        draftMinor: number;
                                        deltaMinor: number;
                                        up: number;
                                        down: number;
                                        unchanged: number;
                                    };
                                };
                            };
                            /** Format: date-time */
                            approvedAt?: string;
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            retiredAt?: string;
                        };
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    exportTrainingData: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                format?: "ndjson" | "json";
                observedBefore?: string;
                performanceDays?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of rows */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description Cursor of the next page; absent on the last page */
                    "x-next-cursor"?: string;
                    /** @description Customers read for this page */
                    "x-training-customers"?: string;
                    /** @description Customers of this page without an observation */
                    "x-training-skipped"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "application/json": {
                        /** @description One row per customer with an observation, keyed by feature id, with the label `defaulted` */
                        rows: {
                            [key: string]: number | string | null;
                        }[];
                        /** @description Customers read for this page */
                        customers: number;
                        /** @description Customers of this page without an observation */
                        skipped: number;
                        /** @description Rows labelled `defaulted: 1` */
                        bads: number;
                        /** @description Cursor of the next page; absent on the last page */
                        nextCursor?: string;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policy: {
                            policy: {
                                /** @constant */
                                schemaVersion: 2;
                                version: number;
                                name: string;
                                /** @enum {string} */
                                status: "draft" | "backtested" | "approved" | "active" | "retired";
                                description?: string;
                                currency: string;
                                scoring: {
                                    /** @enum {string} */
                                    family?: "scorecard" | "boosted";
                                    pairs?: {
                                        features: [
                                            string,
                                            string
                                        ];
                                        table: number[][];
                                    }[];
                                    features: {
                                        id: string;
                                        label: string;
                                        path: string;
                                        /**
                                         * @default numeric
                                         * @enum {string}
                                         */
                                        kind: "numeric" | "categorical";
                                        params?: {
                                            [key: string]: string | number | boolean;
                                        };
                                        trainingColumn?: string;
                                        formula?: {
                                            /** @enum {string} */
                                            op: "ratio" | "difference" | "sum" | "min" | "max" | "mean" | "count" | "trend";
                                            inputs: {
                                                path: string;
                                                trainingColumn?: string;
                                            }[];
                                            atLeast?: number;
                                        };
                                    }[];
                                    scaling: {
                                        baseScore: number;
                                        baseOdds: number;
                                        pdo: number;
                                    };
                                    /** @default 0 */
                                    basePoints: number;
                                    characteristics: ({
                                        /** @constant */
                                        type: "numeric";
                                        feature: string;
                                        bins: {
                                            from?: number;
                                            to?: number;
                                            points: number;
                                            woe?: number;
                                        }[];
                                        missingPoints: number;
                                        reasonCode: string;
                                        reasonText: string;
                                        missingReasonText?: string;
                                    } | {
                                        /** @constant */
                                        type: "categorical";
                                        feature: string;
                                        bins: {
                                            values: string[];
                                            points: number;
                                            woe?: number;
                                        }[];
                                        otherPoints: number;
                                        missingPoints: number;
                                        reasonCode: string;
                                        reasonText: string;
                                        missingReasonText?: string;
                                    })[];
                                    minFeatures: number;
                                };
                                grades: {
                                    scale: {
                                        grade: string;
                                        maxPd: number;
                                    }[];
                                    /** @default 90 */
                                    defaultDpd: number;
                                };
                                limits: {
                                    /**
                                     * @default min
                                     * @enum {string}
                                     */
                                    combine: "min" | "max";
                                    /** @default true */
                                    subtractExposure: boolean;
                                    /** @default 100 */
                                    roundDownToMinor: number;
                                    byGrade: {
                                        grade: string;
                                        purchaseMultiple: number;
                                        bureauShare: number;
                                        capMinor: number;
                                        floorMinor: number;
                                    }[];
                                };
                                rfm: {
                                    /** @default 12 */
                                    windowMonths: number;
                                    recencyDays: number[];
                                    frequency: number[];
                                    monetaryMinor: number[];
                                    segments: {
                                        /** @enum {string} */
                                        segment: "Champions" | "Loyal" | "Potential Loyalist" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "At Risk" | "Can't Lose" | "Hibernating" | "Lost";
                                        r: [
                                            number,
                                            number
                                        ];
                                        f: [
                                            number,
                                            number
                                        ];
                                    }[];
                                    /** @enum {string} */
                                    edges?: "policy" | "fitted";
                                };
                                /**
                                 * @default {
                                 *       "weights": {},
                                 *       "defaultWeight": 0.2,
                                 *       "combine": "pooled"
                                 *     }
                                 */
                                partners: {
                                    /** @default {} */
                                    weights: {
                                        [key: string]: number;
                                    };
                                    /** @default 0.2 */
                                    defaultWeight: number;
                                    /**
                                     * @default pooled
                                     * @enum {string}
                                     */
                                    combine: "pooled" | "max";
                                    maxAgeDays?: number;
                                    conflictThreshold?: {
                                        logit?: number;
                                        notches?: number;
                                    };
                                };
                                /**
                                 * @default {
                                 *       "downgradeNotches": 2,
                                 *       "dpdThresholds": [
                                 *         30,
                                 *         60
                                 *       ],
                                 *       "cooldownHours": 24,
                                 *       "rules": [],
                                 *       "sla": {
                                 *         "critical": {
                                 *           "acknowledgeHours": 1,
                                 *           "resolveHours": 24
                                 *         },
                                 *         "warning": {
                                 *           "acknowledgeHours": 4,
                                 *           "resolveHours": 72
                                 *         },
                                 *         "info": {
                                 *           "acknowledgeHours": 24,
                                 *           "resolveHours": 168
                                 *         }
                                 *       }
                                 *     }
                                 */
                                alerts: {
                                    /** @default 2 */
                                    downgradeNotches: number;
                                    /**
                                     * @default [
                                     *       30,
                                     *       60
                                     *     ]
                                     */
                                    dpdThresholds: number[];
                                    /** @default 24 */
                                    cooldownHours: number;
                                    /** @default [] */
                                    rules: ({
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "downgrade";
                                        notches: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "pd_jump";
                                        minIncrease: number;
                                        minRatio?: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "dpd";
                                        thresholds: number[];
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "default";
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "bureau_score_drop";
                                        points: number;
                                        /** @default bureau_score */
                                        feature: string;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "public_record";
                                        /** @default public_records */
                                        feature: string;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "utilisation";
                                        abovePercent: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "anomaly";
                                        /** @enum {string} */
                                        metric: "order_volume" | "payment_delay" | "exposure_growth";
                                        /** @enum {string} */
                                        period: "week" | "month";
                                        /** @default 2.75 */
                                        threshold: number;
                                        /**
                                         * @default up
                                         * @enum {string}
                                         */
                                        direction: "up" | "down" | "both";
                                        /** @default 6 */
                                        minPeriods: number;
                                        /** @default 0.03 */
                                        alpha: number;
                                    } | {
                                        id: string;
                                        /** @enum {string} */
                                        severity: "info" | "warning" | "critical";
                                        /** @default {rule}:{customerId} */
                                        dedupeKey: string;
                                        cooldownHours?: number;
                                        /** @constant */
                                        kind: "event";
                                        eventType: string;
                                    })[];
                                    /**
                                     * @default {
                                     *       "critical": {
                                     *         "acknowledgeHours": 1,
                                     *         "resolveHours": 24
                                     *       },
                                     *       "warning": {
                                     *         "acknowledgeHours": 4,
                                     *         "resolveHours": 72
                                     *       },
                                     *       "info": {
                                     *         "acknowledgeHours": 24,
                                     *         "resolveHours": 168
                                     *       }
                                     *     }
                                     */
                                    sla: {
                                        /**
                                         * @default {
                                         *       "acknowledgeHours": 1,
                                         *       "resolveHours": 24
                                         *     }
                                         */
                                        critical: {
                                            acknowledgeHours: number;
                                            resolveHours: number;
                                        };
                                        /**
                                         * @default {
                                         *       "acknowledgeHours": 4,
                                         *       "resolveHours": 72
                                         *     }
                                         */
                                        warning: {
                                            acknowledgeHours: number;
                                            resolveHours: number;
                                        };
                                        /**
                                         * @default {
                                         *       "acknowledgeHours": 24,
                                         *       "resolveHours": 168
                                         *     }
                                         */
                                        info: {
                                            acknowledgeHours: number;
                                            resolveHours: number;
                                        };
                                        calendar?: {
                                            utcOffsetMinutes: number;
                                            workingHours: {
                                                from: string;
                                                to: string;
                                            };
                                            /**
                                             * @default [
                                             *       1,
                                             *       2,
                                             *       3,
                                             *       4,
                                             *       5
                                             *     ]
                                             */
                                            workingDays: number[];
                                            /** @default [] */
                                            holidays: string[];
                                            /** @default [] */
                                            makeUpWorkingDays: string[];
                                        };
                                    };
                                };
                                /**
                                 * @default {
                                 *       "onDefault": "freeze_limit",
                                 *       "onAlert": []
                                 *     }
                                 */
                                measures: {
                                    /**
                                     * @default freeze_limit
                                     * @enum {string}
                                     */
                                    onDefault: "freeze_limit" | "none";
                                    /** @default [] */
                                    onAlert: {
                                        rule: string;
                                        take: {
                                            /** @enum {string} */
                                            type: "freeze_new_orders" | "freeze_all_credit" | "reduce_limit" | "require_prepayment" | "hold_shipments" | "hand_over_to_collections";
                                            /** @default {} */
                                            params: {
                                                keepPercent?: number;
                                                capMinor?: number;
                                            };
                                            expiresAfterHours?: number;
                                        }[];
                                    }[];
                                };
                                /**
                                 * @default {
                                 *       "rerateHours": {
                                 *         "default": 24,
                                 *         "byGrade": {}
                                 *       },
                                 *       "bureauRefreshDays": {
                                 *         "default": 90,
                                 *         "byGrade": {}
                                 *       },
                                 *       "openAlerts": {
                                 *         "severity": "warning",
                                 *         "rerateHours": 6,
                                 *         "bureauRefreshDays": 7
                                 *       },
                                 *       "bureauBudget": {
                                 *         "pulls": 100,
                                 *         "period": "day"
                                 *       }
                                 *     }
                                 */
                                cadence: {
                                    /**
                                     * @default {
                                     *       "default": 24,
                                     *       "byGrade": {}
                                     *     }
                                     */
                                    rerateHours: {
                                        default: number;
                                        /** @default {} */
                                        byGrade: {
                                            [key: string]: number;
                                        };
                                    };
                                    /**
                                     * @default {
                                     *       "default": 90,
                                     *       "byGrade": {}
                                     *     }
                                     */
                                    bureauRefreshDays: {
                                        default: number;
                                        /** @default {} */
                                        byGrade: {
                                            [key: string]: number;
                                        };
                                    };
                                    /**
                                     * @default {
                                     *       "severity": "warning",
                                     *       "rerateHours": 6,
                                     *       "bureauRefreshDays": 7
                                     *     }
                                     */
                                    openAlerts: {
                                        /**
                                         * @default warning
                                         * @enum {string}
                                         */
                                        severity: "info" | "warning" | "critical";
                                        /** @default 6 */
                                        rerateHours: number;
                                        /** @default 7 */
                                        bureauRefreshDays: number;
                                    };
                                    /**
                                     * @default {
                                     *       "pulls": 100,
                                     *       "period": "day"
                                     *     }
                                     */
                                    bureauBudget: {
                                        pulls: number;
                                        /** @enum {string} */
                                        period: "day" | "week" | "month";
                                    };
                                };
                                /**
                                 * @default {
                                 *       "slaHours": 720,
                                 *       "excludeDisputedInvoices": true
                                 *     }
                                 */
                                disputes: {
                                    /** @default 720 */
                                    slaHours: number;
                                    /** @default true */
                                    excludeDisputedInvoices: boolean;
                                };
                                training?: {
                                    dataset: string;
                                    rows: number;
                                    target: string;
                                    folds: number;
                                    auc: number;
                                    ks: number;
                                    gini: number;
                                    cutoffPd?: number;
                                    /** Format: date-time */
                                    trainedAt: string;
                                    sha256?: string;
                                    toolVersion?: string;
                                    flags?: string[];
                                    seed?: number;
                                    /** @enum {string} */
                                    calibration?: "none" | "platt";
                                    scoreDistribution?: {
                                        edges: number[];
                                        shares: number[];
                                        rows: number;
                                        psiThreshold?: number;
                                    };
                                };
                            };
                            /** @enum {string} */
                            status: "draft" | "backtested" | "approved" | "active" | "retired";
                            author: string;
                            approvals: {
                                by: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            backtest?: {
                                activeVersion: number;
                                draftVersion: number;
                                /** Format: date-time */
                                ranAt: string;
                                profiles: number;
                                grades: string[];
                                migration: {
                                    [key: string]: {
                                        [key: string]: number;
                                    };
                                };
                                countsByGrade: {
                                    active: {
                                        [key: string]: number;
                                    };
                                    draft: {
                                        [key: string]: number;
                                    };
                                };
                                insufficientData: {
                                    active: number;
                                    draft: number;
                                };
                                upgrades: number;
                                downgrades: number;
                                limits: {
                                    [key: string]: {
                                        activeMinor: number;
                                        draftMinor: number;
                                        deltaMinor: number;
                                        up: number;
                                        down: number;
                                        unchanged: number;
                                    };
                                };
                            };
                            /** Format: date-time */
                            approvedAt?: string;
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            retiredAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    activatePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Active; the portfolio is queued for a recompute */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policy: {
                            version: number;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "backtested" | "approved" | "active" | "retired";
                            author: string;
                            approvals: {
                                by: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            backtested: boolean;
                            /** Format: date-time */
                            approvedAt?: string;
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            retiredAt?: string;
                        };
                        previousVersion?: number;
                        /** @description Customers queued for a recompute under the new version */
                        recomputeRequested: number;
                    };
                };
            };
            /** @description Asked for: a second person confirms by calling the same route or POST /v1/approvals/{approvalId}/approve */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    approvePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Approved */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policy: {
                            version: number;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "backtested" | "approved" | "active" | "retired";
                            author: string;
                            approvals: {
                                by: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            backtested: boolean;
                            /** Format: date-time */
                            approvedAt?: string;
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            retiredAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    backtestPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The report, also attached to the record */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        report: {
                            activeVersion: number;
                            draftVersion: number;
                            /** Format: date-time */
                            ranAt: string;
                            profiles: number;
                            grades: string[];
                            migration: {
                                [key: string]: {
                                    [key: string]: number;
                                };
                            };
                            countsByGrade: {
                                active: {
                                    [key: string]: number;
                                };
                                draft: {
                                    [key: string]: number;
                                };
                            };
                            insufficientData: {
                                active: number;
                                draft: number;
                            };
                            upgrades: number;
                            downgrades: number;
                            limits: {
                                [key: string]: {
                                    activeMinor: number;
                                    draftMinor: number;
                                    deltaMinor: number;
                                    up: number;
                                    down: number;
                                    unchanged: number;
                                };
                            };
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    listPolicyDrift: {
        parameters: {
            query?: {
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of points, oldest day first */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        points: {
                            policyVersion: number;
                            /** Format: date */
                            date: string;
                            /** Format: date-time */
                            checkedAt: string;
                            psi: number;
                            threshold: number;
                            drifted: boolean;
                            customers: number;
                            shares: number[];
                            expected: number[];
                            edges: number[];
                        }[];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    rollbackPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Active again; the portfolio is queued for a recompute */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policy: {
                            version: number;
                            name: string;
                            /** @enum {string} */
                            status: "draft" | "backtested" | "approved" | "active" | "retired";
                            author: string;
                            approvals: {
                                by: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            backtested: boolean;
                            /** Format: date-time */
                            approvedAt?: string;
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            retiredAt?: string;
                        };
                        previousVersion?: number;
                        /** @description Customers queued for a recompute under the new version */
                        recomputeRequested: number;
                    };
                };
            };
            /** @description Asked for: a second person confirms by calling the same route or POST /v1/approvals/{approvalId}/approve */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    scorePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: string | number | boolean | null;
                };
                "application/x-ndjson": string;
            };
        };
        responses: {
            /** @description One scored row per input row, and the missing and extra columns */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policyVersion: number;
                        policyStatus: string;
                        rows: {
                            row: number;
                            /** @enum {string} */
                            status: "rated" | "insufficient_data";
                            score?: number;
                            pd?: number;
                            grade?: string;
                            /** @description Recommended limit in minor units of `currency` */
                            limit: number;
                            currency: string;
                            reasons: {
                                code: string;
                                text: string;
                            }[];
                            /** @description Why the row was not rated */
                            why?: string;
                        }[];
                        columns: {
                            /** @description Features no column feeds (by their first column name) */
                            missing: string[];
                            /** @description Columns the policy does not read */
                            extra: string[];
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listQuarantine: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                source: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest entries of the source */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        source: string;
                        entries: {
                            messageId: string;
                            code: string;
                            reason: string;
                            receiveCount?: number;
                            at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getQuarantinedPayload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                source: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entry with its bytes */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description `no-store`: the bytes may hold personal or bureau data */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messageId: string;
                        code: string;
                        reason: string;
                        receiveCount?: number;
                        at: string;
                        source: string;
                        /** @constant */
                        encoding: "gzip+base64";
                        /** @description The bytes as received, gzip-compressed, base64 */
                        payload: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listReviews: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Open reviews, newest first (at most 50) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        reviews: {
                            reviewId: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            /** Format: date-time */
                            createdAt: string;
                            customerId: string;
                            candidateId: string;
                            score: number;
                            /** @enum {string} */
                            reason?: "candidate_match" | "identifier_held";
                            evidence: {
                                [key: string]: unknown;
                            }[];
                            source: string;
                            resolution?: {
                                /** @constant */
                                decision: "merged";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                survivorId: string;
                            } | {
                                /** @constant */
                                decision: "dismissed";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                reason: string;
                            };
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    listReviewsDue: {
        parameters: {
            query?: {
                /** @description Only re-ratings late by more than this many hours */
                graceHours?: number;
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of reviews due */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        reviews: {
                            customerId: string;
                            /** @enum {string} */
                            kind: "rerating" | "review";
                            dueAt: string;
                            lateHours: number;
                            reason: string;
                        }[];
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    dismissReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reviewId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The resolved review */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        review: {
                            reviewId: string;
                            /** @enum {string} */
                            status: "open" | "resolved";
                            /** Format: date-time */
                            createdAt: string;
                            customerId: string;
                            candidateId: string;
                            score: number;
                            /** @enum {string} */
                            reason?: "candidate_match" | "identifier_held";
                            evidence: {
                                [key: string]: unknown;
                            }[];
                            source: string;
                            resolution?: {
                                /** @constant */
                                decision: "merged";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                survivorId: string;
                            } | {
                                /** @constant */
                                decision: "dismissed";
                                /** Format: date-time */
                                at: string;
                                by: string;
                                reason: string;
                            };
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    getRfmFit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current fit */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        fit: {
                            version?: number;
                            /** Format: date-time */
                            asOf: string;
                            /** Format: date-time */
                            fittedAt: string;
                            customers: number;
                            recencyDays: number[];
                            frequency: {
                                value: number;
                                key: string;
                            }[];
                            monetaryMinor: {
                                value: number;
                                key: string;
                            }[];
                            segments: {
                                segment: string;
                                r: [
                                    number,
                                    number
                                ];
                                f: [
                                    number,
                                    number
                                ];
                            }[];
                            segmentCounts: {
                                [key: string]: number;
                            };
                        };
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            429: components["responses"]["Problem429"];
        };
    };
    fitRfm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description `auto`: the day after the portfolio's latest order (historical files); or a date (YYYY-MM-DD, UTC midnight) or date-time */
                    asOf?: "auto" | string;
                };
            };
        };
        responses: {
            /** @description Fitted and stored */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        fit: {
                            version?: number;
                            /** Format: date-time */
                            asOf: string;
                            /** Format: date-time */
                            fittedAt: string;
                            customers: number;
                            recencyDays: number[];
                            frequency: {
                                value: number;
                                key: string;
                            }[];
                            monetaryMinor: {
                                value: number;
                                key: string;
                            }[];
                            segments: {
                                segment: string;
                                r: [
                                    number,
                                    number
                                ];
                                f: [
                                    number,
                                    number
                                ];
                            }[];
                            segmentCounts: {
                                [key: string]: number;
                            };
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    listSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every subscription */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscriptions: {
                            id: string;
                            ownerId?: string;
                            /** Format: uri */
                            url: string;
                            description?: string;
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin" | "pending_approval";
                            pendingApproval?: string;
                            /** Format: date-time */
                            disabledAt?: string;
                            /** Format: date-time */
                            failingSince?: string;
                            consecutiveFailures: number;
                            exhaustedCount: number;
                            /** Format: date-time */
                            lastSuccessAt?: string;
                            /** Format: date-time */
                            lastFailureAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            secrets: {
                                hint: string;
                                createdAt: string;
                                expiresAt?: string;
                            }[];
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    createSubscription: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uri */
                    url: string;
                    description?: string;
                    eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                    fields?: string[];
                };
            };
        };
        responses: {
            /** @description Created; the signing secret is shown once */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: {
                            id: string;
                            ownerId?: string;
                            /** Format: uri */
                            url: string;
                            description?: string;
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin" | "pending_approval";
                            pendingApproval?: string;
                            /** Format: date-time */
                            disabledAt?: string;
                            /** Format: date-time */
                            failingSince?: string;
                            consecutiveFailures: number;
                            exhaustedCount: number;
                            /** Format: date-time */
                            lastSuccessAt?: string;
                            /** Format: date-time */
                            lastFailureAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            secrets: {
                                hint: string;
                                createdAt: string;
                                expiresAt?: string;
                            }[];
                        };
                        /** @description The new whsec_ secret, shown once */
                        secret: string;
                    };
                };
            };
            /** @description Carries personal data: stored disabled until another person approves; the signing secret is shown once */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: {
                            id: string;
                            ownerId?: string;
                            /** Format: uri */
                            url: string;
                            description?: string;
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin" | "pending_approval";
                            pendingApproval?: string;
                            /** Format: date-time */
                            disabledAt?: string;
                            /** Format: date-time */
                            failingSince?: string;
                            consecutiveFailures: number;
                            exhaustedCount: number;
                            /** Format: date-time */
                            lastSuccessAt?: string;
                            /** Format: date-time */
                            lastFailureAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            secrets: {
                                hint: string;
                                createdAt: string;
                                expiresAt?: string;
                            }[];
                        };
                        /** @description The new whsec_ secret, shown once */
                        secret: string;
                        /** @description The subscription carries personal data: it stays disabled (`pendingApproval`) and delivers nothing until another person approves this */
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    getSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription and its endpoint health */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: {
                            id: string;
                            ownerId?: string;
                            /** Format: uri */
                            url: string;
                            description?: string;
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin" | "pending_approval";
                            pendingApproval?: string;
                            /** Format: date-time */
                            disabledAt?: string;
                            /** Format: date-time */
                            failingSince?: string;
                            consecutiveFailures: number;
                            exhaustedCount: number;
                            /** Format: date-time */
                            lastSuccessAt?: string;
                            /** Format: date-time */
                            lastFailureAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            secrets: {
                                hint: string;
                                createdAt: string;
                                expiresAt?: string;
                            }[];
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    deleteSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    updateSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled?: boolean;
                    description?: string;
                    eventTypes?: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                    fields?: string[] | null;
                };
                "application/merge-patch+json": {
                    enabled?: boolean;
                    description?: string;
                    eventTypes?: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                    fields?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: {
                            id: string;
                            ownerId?: string;
                            /** Format: uri */
                            url: string;
                            description?: string;
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin" | "pending_approval";
                            pendingApproval?: string;
                            /** Format: date-time */
                            disabledAt?: string;
                            /** Format: date-time */
                            failingSince?: string;
                            consecutiveFailures: number;
                            exhaustedCount: number;
                            /** Format: date-time */
                            lastSuccessAt?: string;
                            /** Format: date-time */
                            lastFailureAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            secrets: {
                                hint: string;
                                createdAt: string;
                                expiresAt?: string;
                            }[];
                        };
                    };
                };
            };
            /** @description Widens what a subscription carrying personal data delivers: unchanged until another person approves */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description As it is: unchanged until the approval is granted */
                        subscription: {
                            id: string;
                            ownerId?: string;
                            /** Format: uri */
                            url: string;
                            description?: string;
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin" | "pending_approval";
                            pendingApproval?: string;
                            /** Format: date-time */
                            disabledAt?: string;
                            /** Format: date-time */
                            failingSince?: string;
                            consecutiveFailures: number;
                            exhaustedCount: number;
                            /** Format: date-time */
                            lastSuccessAt?: string;
                            /** Format: date-time */
                            lastFailureAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            secrets: {
                                hint: string;
                                createdAt: string;
                                expiresAt?: string;
                            }[];
                        };
                        /** @description The change widens what a subscription carrying personal data delivers */
                        approval: {
                            approvalId: string;
                            /** @enum {string} */
                            action: "policy.approve" | "policy.activate" | "policy.rollback" | "freeze.lift" | "role.grant" | "key.issue" | "agreement.create" | "agreement.widen" | "subscription.create" | "dispute.resolve" | "incident.close" | "measure.lift" | "subscription.widen" | "crm_connection.create" | "crm_connection.widen";
                            target: string;
                            summary: string;
                            /** @description The party who asked: person:<id> (or key:<id> for a key without a person) */
                            maker: string;
                            makerPrincipalId: string;
                            /** @description Distinct people, other than the maker, who must approve */
                            quorum: number;
                            /** @description Approvals so far, one per person */
                            checkers: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                            }[];
                            rejection?: {
                                by: string;
                                principalId: string;
                                /** Format: date-time */
                                at: string;
                                reason?: string;
                            };
                            /** @enum {string} */
                            status: "pending" | "granted" | "rejected" | "expired";
                            /** Format: date-time */
                            requestedAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            /** Format: date-time */
                            decidedAt?: string;
                            payload: {
                                [key: string]: string | number | boolean | null;
                            };
                            /** Format: date-time */
                            executedAt?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                status?: "scheduled" | "delivered" | "exhausted" | "failed" | "skipped";
                /** @description Page size (1–200, default 50). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque, signed position from the previous page's `nextCursor` (or follow `next`). Bound to the caller, route and filters; expires. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of delivery records */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: {
                            subscriptionId: string;
                            eventId: string;
                            eventType: string;
                            customerId?: string;
                            /** @enum {string} */
                            status: "scheduled" | "delivered" | "exhausted" | "failed" | "skipped";
                            attempts: {
                                n: number;
                                /** Format: date-time */
                                at: string;
                                status?: number;
                                latencyMs: number;
                                /** @enum {string} */
                                classification: "delivered" | "retry" | "disable_endpoint" | "failed_permanent";
                                responseExcerpt?: string;
                                error?: string;
                                replay?: boolean;
                            }[];
                            /** Format: date-time */
                            nextAttemptAt?: string;
                            skippedReason?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        /** @description Cursor of the next page; null on the last page */
                        nextCursor: string | null;
                        /** @description Absolute URL of the next page; null on the last page */
                        next: string | null;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    replayDeliveries: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    eventId: string;
                } | {
                    /** Format: date-time */
                    from: string;
                    /** Format: date-time */
                    to: string;
                };
            };
        };
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscriptionId: string;
                        eventIds: string[];
                        queued: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    rotateSubscriptionSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default 24 */
                    overlapHours?: number;
                };
            };
        };
        responses: {
            /** @description The new secret, shown once */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: {
                            id: string;
                            ownerId?: string;
                            /** Format: uri */
                            url: string;
                            description?: string;
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "alert.transitioned" | "alert.escalated" | "customer.frozen" | "customer.unfrozen" | "measure.taken" | "measure.lifted" | "measure.expired" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "assessment.conflict_detected" | "customer.activity" | "approval.requested" | "approval.granted" | "approval.rejected" | "approval.expired" | "security.break_glass_used" | "rating.drift_detected" | "dispute.opened" | "dispute.transitioned" | "dispute.resolved")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin" | "pending_approval";
                            pendingApproval?: string;
                            /** Format: date-time */
                            disabledAt?: string;
                            /** Format: date-time */
                            failingSince?: string;
                            consecutiveFailures: number;
                            exhaustedCount: number;
                            /** Format: date-time */
                            lastSuccessAt?: string;
                            /** Format: date-time */
                            lastFailureAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt?: string;
                            secrets: {
                                hint: string;
                                createdAt: string;
                                expiresAt?: string;
                            }[];
                        };
                        /** @description The new whsec_ secret, shown once */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    replayWriteBack: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key per intended change: a retry with the same key and body answers the first result instead of acting twice; the same key with another body is refused (422), one still in flight answers 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    eventId: string;
                    target?: string;
                };
            };
        };
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        customerId: string;
                        /** @description CRM records the event is queued for again */
                        targets: string[];
                        queued: number;
                    };
                };
            };
            400: components["responses"]["Problem400"];
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
}
