import { request } from 'node:http';
import type { AutocannonRequest } from 'autocannon';

/** Status and body of one answered request. */
export interface Answer {
  status: number;
  body: string;
}

/**
 * Sends one request on a fresh connection (no agent, no pooling) and reads the whole answer.
 * Rejects when the connection fails, e.g. while a server is still starting.
 */
export function sendOnce(baseUrl: string, req: AutocannonRequest): Promise<Answer> {
  const url = new URL(req.path ?? '/', baseUrl);
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const headers = { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
    const r = request(url, { method: req.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(body);
  });
}
