import { z } from 'zod';
import type { contacts } from '../db/schema/index.js';

export type ContactRow = typeof contacts.$inferSelect;

export const ContactFields = z.object({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().max(100).default(''),
  email: z.email().max(254).nullable().default(null),
  // Phone numbers keep digits and "+" only (Emersion's field rule); the caller normalises.
  phone: z
    .string()
    .regex(/^\+?[0-9]{1,30}$/, 'digits and an optional leading +')
    .nullable()
    .default(null),
});
