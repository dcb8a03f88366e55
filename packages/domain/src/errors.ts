/**
 * Domain errors carry a stable code; the API's single error handler maps each code to an HTTP status and an
 * `application/problem+json` body. Domain code never knows HTTP.
 */
export const ERROR_CODES = {
  validation_failed: 'The request is not valid',
  unauthenticated: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  story_not_found: 'Story not found',
  adoption_not_found: 'Adoption not found',
  amplification_not_found: 'Amplification not found',
  practice_not_found: 'Practice not found',
  business_unit_not_found: 'Business unit not found',
  report_not_found: 'Report not found',
  amplification_active: 'The story already has an active amplification',
  week_not_over: 'That week is not over yet',
  idempotency_key_reused: 'Idempotency-Key reused with a different request',
  payload_too_large: 'Request body too large',
  rate_limited: 'Too many requests',
  unavailable: 'Service temporarily unavailable',
  internal: 'Internal server error',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
  ) {
    super(detail ?? ERROR_CODES[code]);
    this.name = 'DomainError';
  }
}
