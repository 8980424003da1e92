import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Who may call the simulated Manage site, as Manage decides it
 * (docs/connectwise/rest-api.md#authentication and docs/connectwise/hosted-api.md#validating-memberhash-on-the-server): an API member's keys
 * (`companyId+publicKey:privateKey`), or a member's hash as Basic auth
 * (`companyId+memberId:memberHash`) or as cookies (`companyName`, `memberId`,
 * `memberHash`, `memberContext`).
 */
export interface SimulatorCredentials {
  companyId: string;
  publicKey: string;
  privateKey: string;
}

export type Caller = { kind: 'api'; memberIdentifier: string } | { kind: 'member'; memberIdentifier: string };

export class SimulatorIdentity {
  private readonly hashSecret = randomBytes(32);

  constructor(
    readonly credentials: SimulatorCredentials,
    private readonly memberExists: (identifier: string) => boolean,
  ) {}

  /** The hash the Hosted API hands to a pod for the signed-in member. */
  memberHashFor(memberIdentifier: string): string {
    return createHmac('sha256', this.hashSecret)
      .update(`${this.credentials.companyId.toLowerCase()}:${memberIdentifier.toLowerCase()}`)
      .digest('base64url');
  }

  authenticate(headers: Headers): Caller | null {
    return this.fromBasic(headers.get('authorization')) ?? this.fromCookies(headers.get('cookie'));
  }

  private fromBasic(header: string | null): Caller | null {
    const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const plus = decoded.indexOf('+');
    if (colon < 0 || plus < 0 || plus > colon) return null;
    const company = decoded.slice(0, plus);
    const user = decoded.slice(plus + 1, colon);
    const password = decoded.slice(colon + 1);
    if (company.toLowerCase() !== this.credentials.companyId.toLowerCase()) return null;
    if (user === this.credentials.publicKey && safeEqual(password, this.credentials.privateKey)) {
      return { kind: 'api', memberIdentifier: 'APIMember' };
    }
    return this.memberCaller(user, password);
  }

  private fromCookies(header: string | null): Caller | null {
    if (!header) return null;
    const cookies = new Map(
      header.split(';').map((part) => {
        const eq = part.indexOf('=');
        return [part.slice(0, eq).trim().toLowerCase(), decodeURIComponent(part.slice(eq + 1).trim())] as const;
      }),
    );
    const company = cookies.get('companyname');
    const memberId = cookies.get('memberid');
    const hash = cookies.get('memberhash');
    // Manage refuses the cookie check without memberContext (docs/connectwise/hosted-api.md#validating-memberhash-on-the-server).
    if (!company || !memberId || !hash || !cookies.get('membercontext')) return null;
    if (company.toLowerCase() !== this.credentials.companyId.toLowerCase()) return null;
    return this.memberCaller(memberId, hash);
  }

  private memberCaller(memberId: string, hash: string): Caller | null {
    if (!this.memberExists(memberId)) return null;
    return safeEqual(hash, this.memberHashFor(memberId)) ? { kind: 'member', memberIdentifier: memberId } : null;
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
