import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { secrets } from '../db/schema/index.js';

/**
 * AES-256-GCM for secrets at rest (the ConnectWise private key). The key comes from
 * SECRET_KEY, or from a key file generated once under data/ (path resolved from the
 * working directory). The key and the clear text are never logged.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKeyMaterial(material: string): SecretBox {
    // A 64-hex-digit key is used as is; any other text (≥ 32 chars, env-validated) is hashed to 32 bytes.
    const key = /^[0-9a-f]{64}$/i.test(material) ? Buffer.from(material, 'hex') : createHash('sha256').update(material, 'utf8').digest();
    return new SecretBox(key);
  }

  /** SECRET_KEY when set, else `keyFile` (created with a random key, mode 0600, when missing). */
  static load(secretKey: string | undefined, keyFile = 'data/secret.key'): SecretBox {
    if (secretKey) return SecretBox.fromKeyMaterial(secretKey);
    const path = resolve(keyFile);
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    }
    return SecretBox.fromKeyMaterial(readFileSync(path, 'utf8').trim());
  }

  seal(clear: string): { ciphertext: string; iv: string; tag: string } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
    return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  }

  open(sealed: { ciphertext: string; iv: string; tag: string }): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }

  // Keeps the key out of console.log / util.inspect / JSON.
  toJSON(): string {
    return '[SecretBox]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[SecretBox]';
  }
}

export async function storeSecret(db: DbOrTx, box: SecretBox, name: string, clear: string, now: Date): Promise<void> {
  const sealed = box.seal(clear);
  await db
    .insert(secrets)
    .values({ name, ...sealed, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: secrets.name, set: { ...sealed, updatedAt: now.toISOString() } });
}

export async function readSecret(db: DbOrTx, box: SecretBox, name: string): Promise<string | null> {
  const [row] = await db.select().from(secrets).where(eq(secrets.name, name)).limit(1);
  return row ? box.open(row) : null;
}

export async function hasSecret(db: DbOrTx, name: string): Promise<boolean> {
  const [row] = await db.select({ name: secrets.name }).from(secrets).where(eq(secrets.name, name)).limit(1);
  return Boolean(row);
}
