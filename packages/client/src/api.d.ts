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
         * @description **Roles:** `admin` · **Scope:** `keys:manage`
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
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit hash chain
         * @description **Roles:** `admin` · **Scope:** `audit:read`
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
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Portfolio: active customers with grade, PD, limit, segment, freeze
         * @description **Roles:** `admin` · **Scope:** `customers:read`
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
    "/v1/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a golden customer profile
         * @description **Roles:** `admin`, `crm` · **Scope:** `customers:read`
         */
        get: operations["getCustomer"];
        /**
         * Create or update a customer
         * @description Create-or-merge: name only what changes. Older observations never overwrite newer ones.
         *
         *     **Roles:** `admin`, `crm` · **Scope:** `customers:write`
         */
        put: operations["upsertCustomer"];
        post?: never;
        delete?: never;
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
         * @description **Roles:** `admin` · **Scope:** `subscriptions:manage`
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
         * Enable or disable a subscription
         * @description **Roles:** `admin` · **Scope:** `subscriptions:manage`
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
        CustomerProfile: {
            customerId: string;
            /** @enum {string} */
            kind: "business" | "consumer";
            /** @enum {string} */
            status: "active" | "merged";
            mergedInto?: string;
            fields: {
                [key: string]: {
                    source: string;
                    /** Format: date-time */
                    observedAt: string;
                    recordId?: string;
                    value: string | number | boolean;
                };
            };
            identifiers: {
                source: string;
                /** Format: date-time */
                observedAt: string;
                recordId?: string;
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
            };
            freeze?: {
                reason: string;
                /** Format: date-time */
                frozenAt: string;
                by: string;
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
        /** @description Forbidden (problem details: `forbidden`, `self_approval`) */
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
        /** @description Conflict (problem details: `conflict`, `policy_transition_refused`) */
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
        /** @description Unprocessable Content (problem details: `validation_failed`, `consent_required`, `unsafe_url`) */
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
        /** @description Service Unavailable (problem details: `storage_busy`) */
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
            404: components["responses"]["Problem404"];
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
                    "application/octet-stream": string;
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
            404: components["responses"]["Problem404"];
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
            404: components["responses"]["Problem404"];
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
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read")[];
                            tenantRef?: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
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
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    role: "admin" | "crm" | "partner" | "consultant";
                    scopes?: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read")[];
                    tenantRef?: string;
                    /** Format: date-time */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Issued; the plaintext key is shown once */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
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
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read")[];
                            tenantRef?: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
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
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read")[];
                            tenantRef?: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
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
            header?: never;
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
                            scopes: ("customers:read" | "customers:write" | "bureau:pull" | "keys:manage" | "subscriptions:manage" | "policies:manage" | "policies:approve" | "audit:read" | "crm:ingest" | "assessments:submit" | "assessments:read" | "datasets:read")[];
                            tenantRef?: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
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
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            404: components["responses"]["Problem404"];
            409: components["responses"]["Problem409"];
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
    verifyAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verdict per chain */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        chains: {
                            chain: string;
                            ok: boolean;
                            entries: number;
                            brokenAt?: number;
                            reason?: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            429: components["responses"]["Problem429"];
        };
    };
    listCustomers: {
        parameters: {
            query?: {
                grade?: string;
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
            409: components["responses"]["Problem409"];
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
            503: components["responses"]["Problem503"];
        };
    };
    listCustomerEvents: {
        parameters: {
            query?: {
                afterSequence?: number;
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
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
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
            401: components["responses"]["Problem401"];
            403: components["responses"]["Problem403"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
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
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "customer.frozen" | "customer.unfrozen" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "customer.activity")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin";
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
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uri */
                    url: string;
                    description?: string;
                    eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "customer.frozen" | "customer.unfrozen" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "customer.activity")[];
                    fields?: string[];
                };
            };
        };
        responses: {
            /** @description Created; the signing secret is shown once */
            201: {
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
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "customer.frozen" | "customer.unfrozen" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "customer.activity")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin";
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
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
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
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "customer.frozen" | "customer.unfrozen" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "customer.activity")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin";
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
                    enabled: boolean;
                };
                "application/merge-patch+json": {
                    enabled: boolean;
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
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "customer.frozen" | "customer.unfrozen" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "customer.activity")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin";
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
            header?: never;
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
            header?: never;
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
                            eventTypes: ("customer.updated" | "rating.changed" | "limit.changed" | "alert.raised" | "customer.frozen" | "customer.unfrozen" | "credit_report.received" | "endpoint.disabled" | "assessment.submitted" | "customer.activity")[];
                            fields?: string[];
                            enabled: boolean;
                            /** @enum {string} */
                            disabledReason?: "gone" | "sustained_failure" | "admin";
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
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
    replayWriteBack: {
        parameters: {
            query?: never;
            header?: never;
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
            413: components["responses"]["Problem413"];
            415: components["responses"]["Problem415"];
            422: components["responses"]["Problem422"];
            429: components["responses"]["Problem429"];
        };
    };
}
