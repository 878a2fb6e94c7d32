export { ErrorCode } from './error-code';
export { DomainError, invalidRequest, notFound } from './domain-error';
export { httpStatusOf } from './http-status';
