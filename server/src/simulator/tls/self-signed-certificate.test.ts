import { describe, expect, it } from 'vitest';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createServer } from 'node:https';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCertificate } from './self-signed-certificate.js';

describe('self-signed certificate', () => {
  const { cert, key } = createSelfSignedCertificate({ hosts: ['localhost', '127.0.0.1', '::1'], now: new Date('2026-06-30T12:00:00Z') });

  it('parses as X.509 v3, signed by its own key, for the hosts asked', () => {
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toBe('CN=localhost');
    expect(x509.issuer).toBe('CN=localhost');
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(x509.validFrom).toBe('Jun 29 12:00:00 2026 GMT');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('serves TLS that a client trusting it verifies, by name and by IP', async () => {
    const live = createSelfSignedCertificate();
    const server = createServer({ cert: live.cert, key: live.key }, (_req, res) => res.end('hello over tls'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const get = (host: string, ca?: string) =>
      new Promise<string>((resolve, reject) => {
        request(
          { host: '127.0.0.1', servername: host === '127.0.0.1' ? undefined : host, port, ca, path: '/', headers: { host } },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve(text));
          },
        )
          .on('error', reject)
          .end();
      });
    try {
      await expect(get('localhost', live.cert)).resolves.toBe('hello over tls');
      await expect(get('127.0.0.1', live.cert)).resolves.toBe('hello over tls');
      await expect(get('localhost')).rejects.toThrow(/self.signed/i);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
