import { createHash } from 'node:crypto';
import type { MemberVerdict } from './verify-member.js';

/**
 * Remembers ConnectWise's answer about a member hash for a short while
 * (successes 5 minutes, failures 1 minute, as TicketWise's hardened pod does),
 * so reloading a pod does not ask ConnectWise every time and a refused hash is
 * not retried against ConnectWise in a loop. Keys are hashes: no member hash
 * is kept in clear.
 */
export class MemberVerificationCache {
  private readonly entries = new Map<string, { verdict: MemberVerdict; until: number }>();

  constructor(
    private readonly successMs = 5 * 60_000,
    private readonly failureMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(memberId: string, memberHash: string, now: number): MemberVerdict | undefined {
    const key = this.key(memberId, memberHash);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.verdict;
  }

  set(memberId: string, memberHash: string, verdict: MemberVerdict, now: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(this.key(memberId, memberHash), { verdict, until: now + (verdict.ok ? this.successMs : this.failureMs) });
  }

  private key(memberId: string, memberHash: string): string {
    return createHash('sha256').update(`${memberId.toLowerCase()}\u0000${memberHash}`).digest('hex');
  }
}
