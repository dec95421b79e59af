// The admin API compiles its route schemas on first use (start-up cost): this keeps a broken schema from shipping.
import { describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from '../../../src/http/lazy-schema-compilers.js';
import { adminSetup } from './admin-fixture.js';

describe('admin route schemas', () => {
  it('none is compiled at start-up, and every one compiles', async () => {
    const schemaCompilers = lazySchemaCompilers();
    const f = await adminSetup({ schemaCompilers });
    await f.admin.app.ready();
    const pending = schemaCompilers.pending;
    expect(pending).toBeGreaterThan(40);
    expect(schemaCompilers.compileAll()).toBe(pending);
    expect(schemaCompilers.pending).toBe(0);
    // Compiled ahead of the first request, the routes still check their input.
    const res = await f.call('GET', '/admin/v1/vens?limit=abc');
    expect(res.status).toBe(400);
  });
});
