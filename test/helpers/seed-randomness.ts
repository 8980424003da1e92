// Vitest setup (vite.config.ts): property tests draw from a fixed seed, so every run checks
// the same cases and a failure reproduces. FC_SEED=<integer> explores other cases on purpose.
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED ?? 20261116);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not "${process.env.FC_SEED}"`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
