/**
 * The pod's side of ConnectWise's Hosted API 1.0 (docs/connectwise/hosted-api.md#message-protocol). Every message is a JSON string. Messages are accepted only from the
 * parent window and from the configured Manage origins; replies go to the
 * parent's origin only, never to "*".
 */
export interface ScreenObject {
  screen: string;
  id: number;
  hostedAs: string;
}

export interface MemberAuthentication {
  site?: string;
  companyid?: string;
  memberid: string;
  memberHash: string;
  memberContext?: string;
  memberEmail?: string;
}

export type EventAnswer = { result: 'success' } | { result: 'failure'; errors: string[] };

export interface HostedApiHandlers {
  onLoad?: (screen: ScreenObject) => void | Promise<void>;
  beforeSave?: (screen: ScreenObject) => EventAnswer | Promise<EventAnswer>;
}

export class HostedApi {
  private frameId: string | null = null;
  private parentOrigin: string | null = null;
  private readonly waiting = new Map<string, Array<(data: unknown) => void>>();
  private readonly frameReady: Promise<void>;
  private markFrameReady!: () => void;

  constructor(
    private readonly allowedOrigins: readonly string[],
    private readonly handlers: HostedApiHandlers,
    private readonly host: Window = window.parent,
  ) {
    this.frameReady = new Promise((resolve) => (this.markFrameReady = resolve));
  }

  /** Listens, then tells Manage we are ready. Returns a function that stops listening. */
  start(): () => void {
    const listener = (event: MessageEvent) => void this.receive(event);
    window.addEventListener('message', listener);
    for (const origin of this.candidateParentOrigins()) this.host.postMessage(JSON.stringify({ message: 'ready' }), origin);
    return () => window.removeEventListener('message', listener);
  }

  async getMemberAuthentication(): Promise<MemberAuthentication> {
    const data = await this.request('getMemberAuthentication');
    if (!isMemberAuthentication(data)) throw new Error('ConnectWise sent no member authentication.');
    return data;
  }

  setDirty(dirty: boolean): void {
    void this.send({ hosted_request: 'setDirty', args: { dirty } });
  }

  refreshScreen(): void {
    void this.send({ hosted_request: 'refreshScreen' });
  }

  openScreen(screen: 'ticket' | 'company', id: number, newTab = true): void {
    void this.send({ hosted_request: 'openScreen', args: { newTab, screen, id } });
  }

  private async request(name: string): Promise<unknown> {
    const key = name.toLowerCase();
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`ConnectWise did not answer ${name}.`)), 10_000);
      const list = this.waiting.get(key) ?? [];
      list.push((data) => {
        clearTimeout(timer);
        resolve(data);
      });
      this.waiting.set(key, list);
    });
    await this.send({ hosted_request: name });
    return answer;
  }

  private async send(message: Record<string, unknown>): Promise<void> {
    await this.frameReady;
    this.host.postMessage(JSON.stringify({ ...message, frameID: this.frameId }), this.parentOrigin!);
  }

  private async receive(event: MessageEvent): Promise<void> {
    if (event.source !== this.host || !this.allowedOrigins.includes(event.origin)) return;
    if (typeof event.data !== 'string' || event.data.length > 1_000_000) return;
    let message: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(event.data);
      if (typeof parsed !== 'object' || parsed === null) return;
      message = parsed as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof message.MessageFrameID === 'string') {
      // Manage may repeat it; the first one wins (as TicketWise does).
      if (this.frameId === null) {
        this.frameId = message.MessageFrameID;
        this.parentOrigin = event.origin;
        this.markFrameReady();
      }
      return;
    }
    if (typeof message.response === 'string') {
      const list = this.waiting.get(message.response.toLowerCase());
      const resolve = list?.shift();
      resolve?.(message.data);
      return;
    }
    if (typeof message.event === 'string') await this.answerEvent(message.event, message._id, message.data);
  }

  private async answerEvent(name: string, id: unknown, data: unknown): Promise<void> {
    const screen = readScreenObject(data);
    let answer: EventAnswer = { result: 'success' };
    try {
      if (name === 'onLoad' && screen) await this.handlers.onLoad?.(screen);
      if (name === 'beforeSave' && screen && this.handlers.beforeSave) answer = await this.handlers.beforeSave(screen);
    } catch (error) {
      answer = name === 'beforeSave' ? { result: 'failure', errors: [(error as Error).message] } : { result: 'success' };
    }
    await this.send({ event: name, _id: id, ...answer });
  }

  /** The parent's origin when the browser tells it (ancestorOrigins), else every allowed origin. */
  private candidateParentOrigins(): string[] {
    const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
    const first = ancestors && ancestors.length > 0 ? ancestors[0] : null;
    if (first && this.allowedOrigins.includes(first)) return [first];
    return [...this.allowedOrigins];
  }
}

export function readScreenObject(data: unknown): ScreenObject | null {
  const screen = (data as { screenObject?: unknown } | null)?.screenObject as Record<string, unknown> | undefined;
  if (!screen || typeof screen.screen !== 'string') return null;
  const id = typeof screen.id === 'number' ? screen.id : Number(screen.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  return { screen: screen.screen.toLowerCase(), id, hostedAs: String(screen.hostedAs ?? 'pod').toLowerCase() };
}

function isMemberAuthentication(data: unknown): data is MemberAuthentication {
  const d = data as Record<string, unknown> | null;
  return !!d && typeof d.memberid === 'string' && typeof d.memberHash === 'string' && d.memberid.length > 0 && d.memberHash.length > 0;
}
