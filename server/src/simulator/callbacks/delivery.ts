import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ChangeAction, ManageRecord, ManageStore } from '../store.js';
import { levelCovers, typeOfCollection } from './callback-types.js';
import { contentSignature } from './signing.js';

/**
 * Delivers Manage's callbacks (docs/connectwise/callbacks.md): on every add, update and
 * delete of a subscribed type, POSTs Manage's payload to each active
 * registration whose level covers the record, signed with
 * `x-content-signature`, and retries as Manage does.
 */
export interface CallbackDeliveryOptions {
  companyId: string;
  /** `https://host:port` of the site as its clients reach it (FromUrl, key_url). */
  siteUrl: string;
  /** The codebase the key_url is served under (companyinfo's first). */
  codebase: string;
  fetch?: typeof fetch;
  /**
   * Waits before each retry. Manage retries twice, 2 s after the first
   * attempt and 4 s after the first retry (DG "Callbacks"); tests pass shorter ones.
   */
  retryDelaysMs?: readonly number[];
  /** Manage gives a receiver 5 s (DG). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Manage retries only these statuses; any 2xx is success (DG "Callbacks"). */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([404, 409, 419, 429]);
export const MANAGE_RETRY_DELAYS_MS: readonly number[] = [2000, 4000];
export const MANAGE_TIMEOUT_MS = 5000;
/** The attempt log keeps the most recent attempts only, so a long-running simulator does not grow without bound. */
const MAX_KEPT_ATTEMPTS = 1000;

export interface DeliveryAttempt {
  callbackId: number;
  url: string;
  action: ChangeAction;
  recordId: number;
  /** HTTP status, or null when the receiver could not be reached or timed out. */
  status: number | null;
  error?: string;
  body: string;
  signature: string;
}

export class CallbackDispatcher {
  /** The site's signing key, served at key_url as `{"signing_key": ...}`. */
  readonly signingKey = randomBytes(24).toString('base64url');
  /** The `id` of the key_url; Manage uses a GUID here (samples/callback-contact-updated.json). */
  readonly keyId = randomUUID();
  readonly attempts: DeliveryAttempt[] = [];
  siteUrl: string;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;
  private readonly partnerId: string;
  private readonly productInstanceId: string;

  constructor(
    private readonly store: ManageStore,
    private readonly options: CallbackDeliveryOptions,
  ) {
    this.siteUrl = options.siteUrl;
    // 24 hex digits each, as in the real payloads; stable per company.
    const digest = createHash('sha256').update(options.companyId).digest('hex');
    this.partnerId = digest.slice(0, 24);
    this.productInstanceId = digest.slice(24, 48);
    this.unsubscribe = store.onChange((collection, action, record, by) => this.onChange(collection, action, record, by));
  }

  /** `https://{site}/{codebase}//system/callbackkey/index.rails?companyName=…&id=…`, double slash as in the real payloads. */
  keyUrl(): string {
    return `${this.siteUrl}/${this.options.codebase}//system/callbackkey/index.rails?companyName=${encodeURIComponent(this.options.companyId)}&id=${this.keyId}`;
  }

  /** Resolves once every delivery started so far (retries included) has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): void {
    this.unsubscribe();
  }

  private onChange(collection: string, action: ChangeAction, record: ManageRecord, by: string): void {
    // A change to a registration itself is not delivered anywhere.
    const type = typeOfCollection(collection);
    if (!type) return;
    for (const callback of this.store.all('callbacks')) {
      if (callback.inactiveFlag === true || String(callback.type).toLowerCase() !== type) continue;
      if (!levelCovers(type, String(callback.level), Number(callback.objectId), record)) continue;
      if (callback.isSelfSuppressedFlag === true && this.memberIdOf(by) === callback.memberId) continue;
      const body = this.payload(callback, type, action, record, by);
      const delivery = this.deliver(callback, action, record.id, body).finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }
  }

  /**
   * `isSelfSuppressedFlag`: no callback for a change made by the member who
   * registered it, so an integration is not told about its own writes
   * [inferred from the field's name, docs/connectwise/callbacks.md]. API-key callers that are
   * not members count as member 0, as Manage's memberId would then be.
   */
  private memberIdOf(identifier: string): number {
    const member = this.store.all('members').find((m) => String(m.identifier).toLowerCase() === identifier.toLowerCase());
    return member?.id ?? 0;
  }

  /** The payload, keys as in samples/callback-contact-*.json; Entity is the record as a JSON string, null on delete. */
  private payload(callback: ManageRecord, type: string, action: ChangeAction, record: ManageRecord, by: string): string {
    return JSON.stringify({
      Action: action,
      CallbackObjectRecId: callback.id,
      CompanyId: this.options.companyId,
      Entity: action === 'deleted' ? null : JSON.stringify(record),
      FromUrl: new URL(this.siteUrl).host,
      ID: record.id,
      MemberId: by,
      MessageId: randomUUID(),
      Metadata: { key_url: this.keyUrl() },
      PartnerId: this.partnerId,
      ProductInstanceId: this.productInstanceId,
      Type: type,
    });
  }

  private async deliver(callback: ManageRecord, action: ChangeAction, recordId: number, body: string): Promise<void> {
    const url = callbackUrlFor(String(callback.url), recordId, action);
    const bytes = Buffer.from(body, 'utf8');
    const signature = contentSignature(bytes, this.signingKey);
    const delays = this.options.retryDelaysMs ?? MANAGE_RETRY_DELAYS_MS;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const fetchImpl = this.options.fetch ?? fetch;
    for (let attempt = 0; ; attempt++) {
      const record: DeliveryAttempt = { callbackId: callback.id, url, action, recordId, status: null, body, signature };
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-content-signature': signature },
          body: bytes,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? MANAGE_TIMEOUT_MS),
        });
        record.status = response.status;
        await response.body?.cancel();
      } catch (error) {
        record.error = (error as Error).message;
      }
      this.attempts.push(record);
      if (this.attempts.length > MAX_KEPT_ATTEMPTS) this.attempts.splice(0, this.attempts.length - MAX_KEPT_ATTEMPTS);
      // Unreachable receivers and timeouts are not retried: DG lists only statuses [inferred].
      if (record.status === null || !RETRIED_STATUSES.has(record.status) || attempt >= delays.length) return;
      await sleep(delays[attempt]);
    }
  }
}

/**
 * "PSA appends the record id and action to the specified callback URL" (DG):
 * the id goes straight after the URL (hence DG's advice to end it with
 * `&recordId=`, and the `?id=` convention), then `action` as a parameter,
 * which CWR's middleware reads as `req.query.action` [inferred format, docs/connectwise/simulator-gaps.md#known-gaps].
 */
export function callbackUrlFor(url: string, recordId: number, action: ChangeAction): string {
  const withId = `${url}${recordId}`;
  return `${withId}${withId.includes('?') ? '&' : '?'}action=${action}`;
}
