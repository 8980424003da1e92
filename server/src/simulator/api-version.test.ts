import { describe, expect, it } from 'vitest';
import { requestedVersion, servedVersion } from './api-version.js';

describe('Accept version header', () => {
  it.each([
    ['application/vnd.connectwise.com+json; version=2019.1', '2019.1'],
    ['application/vnd.connectwise.com+json; version=2021.1, application/json', '2021.1'],
    ['application/vnd.connectwise.com+json;version="2024.12"', '2024.12'],
    ['application/json', undefined],
    ['application/vnd.connectwise.com+json', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (accept, expected) => {
    expect(requestedVersion(accept)).toBe(expected);
  });

  it('serves the version asked for when the site has it', () => {
    expect(servedVersion('application/vnd.connectwise.com+json; version=2021.1', '2025.1')).toBe('2021.1');
  });

  it('serves an unknown future version as the newest', () => {
    expect(servedVersion('application/vnd.connectwise.com+json; version=2031.2', '2025.1')).toBe('2025.1');
    expect(servedVersion('application/vnd.connectwise.com+json; version=2025.3', '2025.1')).toBe('2025.1');
  });

  it('serves the newest without a version', () => {
    expect(servedVersion('application/json', '2025.1')).toBe('2025.1');
  });
});
