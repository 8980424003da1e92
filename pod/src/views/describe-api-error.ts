import { ApiClientError } from '../../../shared/api-client.js';

/** A sentence for the user, with the request id support needs. */
export function describeApiError(error: unknown): string {
  if (error instanceof ApiClientError && error.body) return `${error.body.message} (request ${error.body.requestId})`;
  if (error instanceof ApiClientError && error.status !== 0)
    return `The billing server answered ${error.status}. Reload the screen to try again.`;
  return 'The billing server cannot be reached. Check your connection and reload the screen.';
}
