/**
 * Error bodies exactly in Manage's shapes (docs/connectwise/errors-and-rate-limits.md#error-body):
 * `{code, message, errors?}` for most errors, and `{error, message}` for 429.
 */
export interface ManageValidationError {
  code: string;
  message: string;
  resource: string;
  field: string;
}

export const manageErrors = {
  notFound: (resource: string, id: number | string) => ({ code: 'NotFound', message: `${capitalise(resource)} ${id} not found` }),
  noEndpoint: () => ({ code: 'ConnectWiseApi', message: 'The endpoint does not exist.' }),
  unauthorized: (message = 'UserNotAuthenticated') => ({ code: 'ConnectWiseApi', message }),
  missingClientId: () => ({
    code: 'Unauthorized',
    message: 'clientId is required. Please visit https://developer.connectwise.com/ClientId to obtain a clientId.',
  }),
  invalidObject: (resource: string, errors: ManageValidationError[]) => ({
    code: 'InvalidObject',
    message: `${resource} object is invalid`,
    errors,
  }),
  tooManyRequests: (seconds: number) => ({
    error: 'ConnectWiseAPI',
    message: `Too many requests. Please try again in ${seconds} seconds.`,
  }),
  methodNotAllowed: () => ({ code: 'ConnectWiseApi', message: 'The requested resource does not support http method.' }),
  server: () => ({ code: 'ConnectWiseApi', message: 'An error has occurred.' }),
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
