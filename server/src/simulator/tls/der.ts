/**
 * Just enough ASN.1 DER (ITU-T X.690) to write an X.509 certificate with
 * node:crypto alone: tags, lengths, and the handful of types a certificate uses.
 */
export type Der = Buffer;

export function tlv(tag: number, content: Uint8Array): Der {
  const length = content.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return Buffer.concat([Buffer.from(header), content]);
}

export const sequence = (...parts: Der[]): Der => tlv(0x30, Buffer.concat(parts));
export const set = (...parts: Der[]): Der => tlv(0x31, Buffer.concat(parts));
export const boolean = (value: boolean): Der => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
export const octetString = (content: Uint8Array): Der => tlv(0x04, content);
export const utf8String = (text: string): Der => tlv(0x0c, Buffer.from(text, 'utf8'));
/** A BIT STRING whose last `unusedBits` bits are padding. */
export const bitString = (content: Uint8Array, unusedBits = 0): Der => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
/** `[n] EXPLICIT` around a constructed value. */
export const explicit = (n: number, content: Der): Der => tlv(0xa0 + n, content);
/** `[n] IMPLICIT` primitive (GeneralName's dNSName is [2], iPAddress [7]). */
export const implicitPrimitive = (n: number, content: Uint8Array): Der => tlv(0x80 + n, content);

/** A non-negative INTEGER from big-endian bytes (a leading zero keeps it positive). */
export function unsignedInteger(bytes: Uint8Array): Der {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = Buffer.from(bytes.subarray(start));
  return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export function objectIdentifier(dotted: string): Der {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime `YYMMDDHHMMSSZ` (RFC 5280 §4.1.2.5.1: for dates through 2049). */
export function utcTime(date: Date): Der {
  const text = `${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}
