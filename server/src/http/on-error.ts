import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiErrorBody } from '../../../shared/api-errors.js';
import type { AppEnv } from './app-env.js';
import { DomainError } from '../errors/domain-errors.js';
import { httpStatusOf } from './error-status.js';
import { ConnectWiseRejectedError, ConnectWiseUnavailableError } from '../connectwise/errors.js';

/** Every failure leaves as one envelope: {code, message, details?, requestId}. */
export function envelope(c: Context<AppEnv>, status: number, body: Omit<ApiErrorBody, 'requestId'>): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  return c.json({ ...body, requestId } satisfies ApiErrorBody, status as 400);
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof DomainError)
    return envelope(c, httpStatusOf(error), { code: error.code, message: error.message, details: error.details });
  if (error instanceof ConnectWiseUnavailableError) {
    return envelope(c, 502, {
      code: 'upstream_unavailable',
      message: 'ConnectWise did not answer; try again shortly.',
      details: { reason: error.lastReason },
    });
  }
  if (error instanceof ConnectWiseRejectedError) {
    return envelope(c, 502, {
      code: 'upstream_rejected',
      message: `ConnectWise refused the request (${error.status}).`,
      details: { cwCode: error.cwCode },
    });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return envelope(c, error.status, { code: 'bad_request', message: error.message || 'Bad request.' });
  }
  console.error(`[${c.get('requestId')}] unhandled error`, error);
  return envelope(c, 500, { code: 'internal', message: 'Something went wrong on our side. The request id identifies it in the logs.' });
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  envelope(c, 404, { code: 'not_found', message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.` });
