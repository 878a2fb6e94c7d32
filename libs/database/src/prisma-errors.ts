import { DomainError, ErrorCode } from '@app/errors';
import { Prisma } from './generated/prisma/client';

/** True when the error is a unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * The one place where Prisma's errors become domain errors: P2002 (unique) is a
 * conflict, P2025 (record not found) a 404. Anything else is rethrown as it is.
 */
export function mapPrismaError(error: unknown, what = 'resource'): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002') {
      throw new DomainError(ErrorCode.Conflict, `This ${what} already exists.`);
    }
    if (error.code === 'P2025') {
      throw new DomainError(ErrorCode.NotFound, `No such ${what}.`);
    }
  }
  throw error;
}
