/** ConnectWise answered with a 4xx: retrying will not help (bad request, auth, not found). */
export class ConnectWiseRejectedError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly body: unknown,
  ) {
    super(`ConnectWise rejected ${path} with ${status}${describeBody(body)}`);
    this.name = 'ConnectWiseRejectedError';
  }
  get cwCode(): string | undefined {
    return typeof this.body === 'object' && this.body !== null
      ? String((this.body as { code?: unknown }).code ?? '') || undefined
      : undefined;
  }
}

/** ConnectWise kept failing (429, 5xx, timeouts, broken bodies) until the retries ran out. */
export class ConnectWiseUnavailableError extends Error {
  constructor(
    readonly path: string,
    readonly lastReason: string,
    readonly attempts: number,
  ) {
    super(`ConnectWise unavailable for ${path} after ${attempts} attempts: ${lastReason}`);
    this.name = 'ConnectWiseUnavailableError';
  }
}

function describeBody(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { code, message } = body as { code?: unknown; message?: unknown };
  return code || message ? `: ${String(code ?? '')} ${String(message ?? '')}`.trimEnd() : '';
}
