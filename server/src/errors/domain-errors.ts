import type { ApiErrorCode } from '../../../shared/api-errors.js';

/**
 * An expected failure of a use case, named for what went wrong in the domain.
 * Each carries the envelope code the API answers with; which HTTP status that
 * is gets decided in one place, `http/error-status.ts`, so the billing core,
 * the sync and the CLI never depend on the HTTP layer.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed: a field is missing, of the wrong type or out of range. */
export class ValidationError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, details);
  }
}
/** The input is well formed, but the records it names cannot be processed as asked. */
export class UnprocessableError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, details);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message = 'A valid bearer token is required.') {
    super('unauthorized', message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('forbidden', message, details);
  }
}
export class NotFoundError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('not_found', message, details);
  }
}
export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}
/** An idempotency key came back with a different request than the one it first carried. */
export class IdempotencyMismatchError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('idempotency_mismatch', message, details);
  }
}
/** The request body is larger than the route takes; nothing of it was read past the cap. */
export class PayloadTooLargeError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('payload_too_large', message, details);
  }
}
export class RateLimitedError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('rate_limited', message, details);
  }
}
/** ConnectWise could not be reached or kept failing after retries. */
export class UpstreamUnavailableError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('upstream_unavailable', message, details);
  }
}
