// Fastify compiles every route's validator and serializer when an app gets ready: for the admin API's ~40 routes
// that is ~400 ms of CPU right after the OpenADR port opened, in front of the VENs' first polls. These compilers
// defer each one to its route's first request (a few ms once); compileAll() builds them all, for tests and checks.
import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Validate = ((data: unknown) => unknown) & { errors?: unknown };

export interface LazySchemaCompilers {
  compilersFactory: CompilersFactory;
  /** Compiles every schema not compiled yet (throws the first schema error); returns how many it compiled. */
  compileAll(): number;
  /** Schemas handed over by fastify and not compiled yet. */
  readonly pending: number;
}

export function lazySchemaCompilers(): LazySchemaCompilers {
  const pending = new Set<() => void>();
  const buildValidator = ValidatorSelector();
  const buildSerializer = SerializerSelector();
  const later = <F extends (data: never) => unknown>(build: () => F): { get: () => F } => {
    let fn: F | undefined;
    const compile = () => { fn ??= build(); pending.delete(compile); };
    pending.add(compile);
    return { get: () => { if (!fn) compile(); return fn!; } };
  };
  const compilersFactory: CompilersFactory = {
    buildValidator: (externalSchemas, options) => {
      const compileRoute = buildValidator(externalSchemas, options);
      return (route) => {
        const compiled = later(() => compileRoute(route) as Validate);
        // Fastify reads `errors` off the function it was given after a failed check.
        const validate: Validate = (data) => {
          const fn = compiled.get();
          const ok = fn(data);
          validate.errors = fn.errors;
          return ok;
        };
        return validate as ReturnType<ReturnType<CompilersFactory['buildValidator'] & object>>;
      };
    },
    buildSerializer: (externalSchemas, options) => {
      const compileRoute = buildSerializer(externalSchemas, options);
      return (route) => {
        const compiled = later(() => compileRoute(route) as (data: unknown) => string);
        return (data: unknown) => compiled.get()(data);
      };
    },
  };
  return {
    compilersFactory,
    compileAll: () => {
      const all = [...pending];
      for (const compile of all) compile();
      return all.length;
    },
    get pending() { return pending.size; },
  };
}
