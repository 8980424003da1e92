import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  objectIdentifier,
  octetString,
  sequence,
  set,
  unsignedInteger,
  utcTime,
  utf8String,
  type Der,
} from './der.js';

/**
 * A self-signed X.509 v3 certificate (RFC 5280) made at start with
 * node:crypto only — no network, no OpenSSL binary, no library — so the
 * simulator can speak HTTPS, as Manage requires (DG "SSL is required",
 * docs/connectwise/rest-api.md#url-and-codebase) and as third-party clients such as connectwise-rest assume.
 * ECDSA P-256 with SHA-256; valid for the given host names and IPs; marked as
 * a CA so a client can trust it directly as its own root.
 */
export interface SelfSignedCertificate {
  /** PEM of the certificate: what a client adds to its trusted CAs. */
  cert: string;
  /** PEM (PKCS#8) of the private key. */
  key: string;
}

const OID = {
  commonName: '2.5.4.3',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

export function createSelfSignedCertificate(
  options: { commonName?: string; hosts?: readonly string[]; now?: Date; days?: number } = {},
): SelfSignedCertificate {
  const hosts = options.hosts ?? ['localhost', '127.0.0.1', '::1'];
  const commonName = options.commonName ?? hosts[0] ?? 'localhost';
  const now = options.now ?? new Date();
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const name = sequence(set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));
  const validity = sequence(
    utcTime(new Date(now.getTime() - 86_400_000)),
    utcTime(new Date(now.getTime() + (options.days ?? 365) * 86_400_000)),
  );
  const extensions = sequence(
    extension(OID.basicConstraints, sequence(boolean(true)), true),
    // digitalSignature (bit 0) and keyCertSign (bit 5): 1000 0100, two padding bits.
    extension(OID.keyUsage, bitString(Buffer.from([0x84]), 2), true),
    extension(OID.extKeyUsage, sequence(objectIdentifier(OID.serverAuth))),
    extension(OID.subjectAltName, sequence(...hosts.map(generalName))),
  );
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(randomBytes(16)),
    signatureAlgorithm,
    name,
    validity,
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const certificate = sequence(tbs, signatureAlgorithm, bitString(signature));
  return { cert: pem('CERTIFICATE', certificate), key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function extension(oid: string, value: Der, critical = false): Der {
  return critical
    ? sequence(objectIdentifier(oid), boolean(true), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value));
}

/** dNSName [2] for names, iPAddress [7] (4 or 16 bytes) for addresses. */
function generalName(host: string): Der {
  const version = isIP(host);
  if (version === 4) return implicitPrimitive(7, Buffer.from(host.split('.').map(Number)));
  if (version === 6) return implicitPrimitive(7, ipv6Bytes(host));
  return implicitPrimitive(2, Buffer.from(host, 'ascii'));
}

function ipv6Bytes(address: string): Buffer {
  const [head, tail] = address.split('::');
  const groups = (text: string | undefined) => (text ? text.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  const bytes = Buffer.alloc(16);
  all.forEach((group, i) => {
    bytes.writeUInt16BE(group, i * 2);
  });
  return bytes;
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
