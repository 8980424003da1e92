// The one error every list-query step throws, shaped like Manage's error body
// so a route can send `error.body` with `error.status` unchanged.
//
// ConnectWise's ErrorResponseMessage is `{code, message, errors: ValidationError[]}`
// (docs/connectwise/errors-and-rate-limits.md#error-body, PYCW / SPEC `model_validation_error.go`); malformed requests are
// 400 Bad Request, "do not retry" (docs/connectwise/errors-and-rate-limits.md#status-codes, DG "HTTP Response Statuses").

export interface ManageValidationError {
  code: string;
  message: string;
  resource?: string;
  field?: string;
  details?: unknown;
}

export interface ManageErrorBody {
  code: string;
  message: string;
  errors: ManageValidationError[];
}

export class QueryError extends Error {
  readonly status = 400;
  readonly body: ManageErrorBody;

  // `InvalidObject` is the code Manage uses for 400s in every captured sample
  // (AMP `bad-request.json`, `create-webhook-bad-request-*.json`). The exact code
  // Manage sends for a bad query string is not in our sources [inferred].
  constructor(message: string, code = 'InvalidObject', errors: ManageValidationError[] = []) {
    super(message);
    this.name = 'QueryError';
    this.body = { code, message, errors };
  }
}
