import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError, ERROR_CODES, type ErrorCode } from '@kf/domain';
import type { Problem } from '../schemas/common.js';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  story_not_found: 404,
  adoption_not_found: 404,
  amplification_not_found: 404,
  practice_not_found: 404,
  business_unit_not_found: 404,
  report_not_found: 404,
  amplification_active: 409,
  week_not_over: 409,
  payload_too_large: 413,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** Seconds a client should wait before retrying while a dependency is away. */
const RETRY_AFTER_UNAVAILABLE_S = 5;

export function problem(code: ErrorCode, detail?: string, errors?: Problem['errors']): Problem {
  return {
    type: `urn:knowledge-feed:problem:${code}`,
    title: ERROR_CODES[code],
    status: STATUS_BY_CODE[code],
    detail: detail ?? ERROR_CODES[code],
    code,
    ...(errors ? { errors } : {}),
  };
}

/** PostgreSQL or Redis away: connection refused, pool timeouts, ioredis' offline refusal, server shutting down. */
function isDependencyOutage(error: Error & { code?: string }): boolean {
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001'].includes(
      error.code ?? '',
    ) ||
    /timeout exceeded when trying to connect|Connection terminated|enableOfflineQueue|Connection is closed|max retries per request/i.test(
      error.message,
    )
  );
}

function toProblem(error: FastifyError): Problem {
  if (error instanceof DomainError) return problem(error.code, error.message);
  if (error.validation) {
    const errors = error.validation.map((issue) => {
      const missing = (issue.params as { missingProperty?: string }).missingProperty;
      const path = `${issue.instancePath}${missing ? `/${missing}` : ''}`
        .replace(/^\//, '')
        .replaceAll('/', '.');
      const field = [error.validationContext, path].filter(Boolean).join('.');
      return { field, message: issue.message ?? 'is invalid' };
    });
    return problem('validation_failed', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  }
  switch (error.statusCode) {
    case 413:
      return problem('payload_too_large', error.message);
    case 429:
      return problem('rate_limited', error.message);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // fastify's own 4xx (malformed JSON, unsupported media type…): a client mistake named in words.
    return { ...problem('validation_failed', error.message), status: error.statusCode };
  }
  if (isDependencyOutage(error)) return problem('unavailable', 'A dependency is unavailable; retry shortly');
  return problem('internal');
}

/** The one error handler: every error becomes `application/problem+json`; 5xx internals are logged, not shown. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    if (body.status === 503) reply.header('retry-after', RETRY_AFTER_UNAVAILABLE_S);
    return reply.status(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type('application/problem+json')
      .send(problem('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
});
