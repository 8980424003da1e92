import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type DomainError, UnprocessableError } from '../errors/domain-errors.js';

const STATUS_BY_CODE: Record<DomainError['code'], ContentfulStatusCode> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_mismatch: 409,
  payload_too_large: 413,
  rate_limited: 429,
  upstream_unavailable: 502,
  upstream_rejected: 502,
  internal: 500,
};

/** The one place a domain failure becomes an HTTP status. */
export function httpStatusOf(error: DomainError): ContentfulStatusCode {
  if (error instanceof UnprocessableError) return 422;
  return STATUS_BY_CODE[error.code];
}
