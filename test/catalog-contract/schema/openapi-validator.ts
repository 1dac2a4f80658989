import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

/** The Store API's OpenAPI document as `@shopware/api-client` ships it (api-types/storeApiSchema.json). */
export function shopwareStoreApiDocument(): Json {
  const require = createRequire(import.meta.url);
  // The package's exports map names only its code and .d.ts files; the JSON sits beside them.
  const root = dirname(dirname(require.resolve('@shopware/api-client')));
  return JSON.parse(readFileSync(join(root, 'api-types', 'storeApiSchema.json'), 'utf8')) as Json;
}

export interface OpenApiOperation {
  operationId: string;
  /** JSON pointer of the operation in the document, e.g. /paths/~1product/post */
  pointer: string;
  operation: Json;
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Validates requests and responses against an OpenAPI document's schemas with Ajv (JSON Schema
 * 2020-12, which OpenAPI 3.1+ schemas are; `nullable` from 3.0 is understood too). Every message
 * found wrong comes back as readable lines; nothing is coerced or filled in.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: Array<{ method: string; pattern: RegExp; op: OpenApiOperation }> = [];

  constructor(private readonly document: Json, private readonly id = 'openapi') {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats.default(this.ajv);
    this.ajv.addSchema({ $id: id, paths: document.paths, components: document.components });
    for (const [path, item] of Object.entries(document.paths as Json)) {
      const pattern = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{[^}]+\\\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(item as Json)) {
        if (!operation || typeof operation !== 'object' || !operation.responses) continue;
        this.routes.push({ method: method.toUpperCase(), pattern, op: { operationId: operation.operationId, pointer: `/paths/${escape(path)}/${method}`, operation } });
      }
    }
    // A literal path (/product/natural-language/search-term) wins over a template (/product/{productId}).
    this.routes.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  }

  /** The operation a method and path (without the server prefix) name, or undefined. */
  operation(method: string, path: string): OpenApiOperation | undefined {
    return this.routes.find((r) => r.method === method && r.pattern.test(path))?.op;
  }

  private check(pointer: string, value: unknown): string[] {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${this.id}#${pointer}` });
      this.validators.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  private resolve(pointer: string): { pointer: string; value: Json } {
    let value: Json = this.document;
    for (const segment of pointer.split('/').slice(1)) value = value?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (value && typeof value.$ref === 'string' && value.$ref.startsWith('#/')) return this.resolve(value.$ref.slice(1));
    return { pointer, value };
  }

  /** Problems with a request: unknown operation, missing required headers or parameters, a body the schema refuses. */
  request(method: string, path: string, request: { headers: Record<string, string | string[] | undefined>; query: Record<string, unknown>; body: unknown }): string[] {
    const op = this.operation(method, path);
    if (!op) return [`${method} ${path} is not an operation of the API`];
    const problems: string[] = [];
    (op.operation.parameters ?? []).forEach((_: unknown, i: number) => {
      const { pointer, value: parameter } = this.resolve(`${op.pointer}/parameters/${i}`);
      const given = parameter.in === 'header' ? request.headers[String(parameter.name).toLowerCase()]
        : parameter.in === 'query' ? request.query[parameter.name] : parameter.in === 'path' ? 'given' : undefined;
      if (given === undefined) {
        if (parameter.required) problems.push(`${parameter.in} parameter ${parameter.name} is required`);
        return;
      }
      if (parameter.in === 'header' && parameter.schema) {
        problems.push(...this.check(`${pointer}/schema`, given).map((p) => `header ${parameter.name}: ${p}`));
      }
    });
    const content = op.operation.requestBody ? this.resolve(`${op.pointer}/requestBody`) : undefined;
    if (request.body !== undefined) {
      if (!content) problems.push(`${op.operationId} takes no request body`);
      else problems.push(...this.check(`${content.pointer}/content/application~1json/schema`, request.body).map((p) => `body ${p}`));
    } else if (content?.value.required) {
      problems.push(`${op.operationId} requires a request body`);
    }
    return problems.map((p) => `${op.operationId}: ${p}`);
  }

  /** Problems with a response: a status the operation does not declare, or a body its schema refuses. */
  response(method: string, path: string, status: number, body: unknown): string[] {
    const op = this.operation(method, path);
    if (!op) return [`${method} ${path} is not an operation of the API`];
    const declared = op.operation.responses[String(status)] ? String(status) : op.operation.responses.default ? 'default' : undefined;
    if (!declared) return [`${op.operationId}: status ${status} is not declared`];
    const { pointer, value } = this.resolve(`${op.pointer}/responses/${declared}`);
    if (body === undefined) return value.content && status !== 204 ? [`${op.operationId}: ${status} needs a body`] : [];
    if (!value.content?.['application/json']?.schema) return [`${op.operationId}: ${status} declares no JSON body`];
    return this.check(`${pointer}/content/application~1json/schema`, body).map((p) => `${op.operationId} ${status}: ${p}`);
  }
}
