import { describe, expect, it } from 'vitest';
import { MemberVerificationCache } from './member-verification-cache.js';

describe('MemberVerificationCache', () => {
  const ok = { ok: true as const, identifier: 'jsmith', fullName: 'John Smith' };
  const refused = { ok: false as const, reason: 'rejected' as const };

  it('keeps a success for 5 minutes and a failure for 1 minute', () => {
    const cache = new MemberVerificationCache();
    cache.set('jsmith', 'h1', ok, 0);
    cache.set('jsmith', 'bad', refused, 0);
    expect(cache.get('JSMITH', 'h1', 299_999)).toEqual(ok);
    expect(cache.get('jsmith', 'h1', 300_000)).toBeUndefined();
    expect(cache.get('jsmith', 'bad', 59_999)).toEqual(refused);
    expect(cache.get('jsmith', 'bad', 60_000)).toBeUndefined();
  });

  it('tells hashes apart and stays bounded', () => {
    const cache = new MemberVerificationCache(1000, 1000, 2);
    cache.set('a', 'h', ok, 0);
    cache.set('b', 'h', ok, 0);
    cache.set('c', 'h', ok, 0);
    expect(cache.get('a', 'h', 1)).toBeUndefined();
    expect(cache.get('c', 'h', 1)).toEqual(ok);
    expect(cache.get('c', 'other', 1)).toBeUndefined();
  });
});
