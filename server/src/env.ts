import { z } from 'zod';
import { isIsoCurrency } from '../../shared/iso-4217.js';

/**
 * Configuration from the environment, validated once at start-up. Every value
 * has a default that needs nothing else: a local libSQL file and the embedded
 * ConnectWise Manage simulator with demo data.
 */
const EnvSchema = z.object({
  /** Interface to listen on; browsers are sent to PUBLIC_HOST. */
  LISTEN_HOST: z.string().default('127.0.0.1'),
  PUBLIC_HOST: z.string().default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Public address of this server, as browsers reach it (pod, extension). */
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().default('file:data/billing.db'),
  /** Key that encrypts secrets at rest; generated into data/ when absent. */
  SECRET_KEY: z.string().min(32).optional(),
  /** When no ConnectWise site is configured, the simulator is started on this port. */
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8788),
  SIMULATOR_SEED: z.coerce.number().int().default(1),
  /** A real Manage site, e.g. https://api-na.myconnectwise.net. Empty = simulator. */
  CW_SITE: z.string().url().optional(),
  CW_COMPANY_ID: z.string().min(1).default('demo'),
  CW_PUBLIC_KEY: z.string().min(1).default('demo-public'),
  CW_PRIVATE_KEY: z.string().min(1).default('demo-private'),
  CW_CLIENT_ID: z.string().min(1).default('9f3c1c1e-0000-4000-8000-00000000b111'),
  /** Origins of the Manage UI allowed to host the pod (comma-separated). */
  CW_UI_ORIGINS: z.string().optional(),
  /** Where billing events (account created, invoice approved, credit note issued) are POSTed, signed. */
  WEBHOOK_URL: z.string().url().optional(),
  WEBHOOK_SECRET: z.string().min(16).optional(),
  /** The currency of accounts, plans and products that name none: a current ISO 4217 code (docs/money.md). */
  CURRENCY: z
    .string()
    .refine(isIsoCurrency, { error: (issue) => `${String(issue.input)} is not a current ISO 4217 currency (docs/money.md)` })
    .default('AUD'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
