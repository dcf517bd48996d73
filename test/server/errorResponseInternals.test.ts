/**
 * The one error mapping (runtime/server/leanRoute.ts errorResponse): a SyntaxError thrown by our own code (V8's
 * "Invalid regular expression: /...99 KB.../: Regular expression too large", built from the flow) is not the
 * customer's bad JSON: no 400 'invalid_json', no internals in the body, logged as unexpected. A body parser's
 * SyntaxError (Fastify marks it 400) still is 'invalid_json'. Hostile tester, session 5.
 */
import type { FastifyError } from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../runtime/server/leanRoute';

describe('errorResponse and SyntaxErrors', () => {
  it('a SyntaxError from the engine is a 500 with a generic message, logged', () => {
    let huge = '';
    try {
      new RegExp(`(?:${Array.from({ length: 20_000 }, () => 'y').join('[^a-z]+')})`).test('y');
    } catch (e) {
      huge = (e as Error).message;
      expect((e as Error).name).toBe('SyntaxError');
      const logged: unknown[] = [];
      const r = errorResponse(e as FastifyError, { bodyLimitBytes: 65536, log: { error: (o) => logged.push(o) } });
      expect(r.status).toBe(500);
      expect(r.body.error).toBe('internal');
      expect(JSON.stringify(r.body)).not.toMatch(/regular expression|y\[\^a-z\]/i);
      expect(logged).toHaveLength(1);
    }
    expect(huge).toMatch(/Invalid regular expression/);
  });

  it("a body parser's SyntaxError (statusCode 400) is still 'invalid_json'", () => {
    const err = Object.assign(new SyntaxError('Unexpected token } in JSON at position 3'), { statusCode: 400 }) as unknown as FastifyError;
    const r = errorResponse(err, { bodyLimitBytes: 65536, log: { error: () => undefined } });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_json');
  });
});
