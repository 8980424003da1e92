import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { NotFoundError, UnprocessableError, ValidationError } from '../../errors/domain-errors.js';
import { usageImports } from '../../db/schema/index.js';
import { importUsageBatch, ImportUsageBatchInput } from '../../usage/import-usage-batch.js';
import { importUsageCsv } from '../../usage/import-usage-csv.js';
import { usageContextOf } from './usage-context-of.js';

const FileQuery = z.object({ fileName: z.string().trim().min(1).max(200).optional() });
const IdParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Usage in: batches of records as JSON, or a CSV file streamed from the request body. */
export function usageImportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post('/api/v1/usage/records', deps.requirePower(POWERS.integration), validate('json', ImportUsageBatchInput), async (c) => {
    const report = await importUsageBatch(usageContextOf(c, deps), c.req.valid('json'));
    return c.json(report, report.invalid.length > 0 ? 207 : 200);
  });

  // The body is read as it arrives (docs/usage-csv-format.md): a file of a million lines never sits in memory.
  app.post('/api/v1/usage/imports', deps.requirePower(POWERS.integration), validate('query', FileQuery), async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!/^text\/csv\b/i.test(contentType)) throw new ValidationError('Send the usage file as text/csv (docs/usage-csv-format.md).');
    const body = c.req.raw.body;
    if (body === null) throw new ValidationError('The request has no body.');
    const { fileName } = c.req.valid('query');
    const report = await importUsageCsv(usageContextOf(c, deps), { source: streamChunks(body), fileName: fileName ?? null });
    // A file refused whole (its header) answers like every other failure, the envelope (422),
    // with the import record that says so in `details.import`; lines that fail alone are in a 201.
    if (report.status === 'failed') throw new UnprocessableError(`The usage file was refused: ${report.error}`, { import: report });
    return c.json(report, 201);
  });

  app.get('/api/v1/usage/imports/:id', deps.requirePower(POWERS.integration), validate('param', IdParam), async (c) => {
    const { id } = c.req.valid('param');
    const [row] = await deps.db.select().from(usageImports).where(eq(usageImports.id, id));
    if (!row) throw new NotFoundError(`No usage import ${id}.`);
    return c.json(row);
  });
  return app;
}

async function* streamChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
