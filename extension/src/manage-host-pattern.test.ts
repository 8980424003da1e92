import { describe, expect, it } from 'vitest';
import { originPatternFor } from './manage-host-pattern.js';

describe('originPatternFor', () => {
  it.each([
    ['cw.example.com', 'https://cw.example.com/*'],
    ['https://cw.example.com/v4_6_release/ConnectWise.aspx', 'https://cw.example.com/*'],
    ['http://manage.internal.lan:8080', 'http://manage.internal.lan/*'],
    ['  HTTPS://Manage.Example.org  ', 'https://manage.example.org/*'],
  ])('%s → %s', (input, pattern) => expect(originPatternFor(input)).toBe(pattern));

  it.each(['', 'not a host', 'ftp://cw.example.com', 'localhost', 'javascript:alert(1)', 'https://*.evil.com'])('rejects %j', (input) => {
    expect(originPatternFor(input)).toBeNull();
  });
});
