import {
  BadGatewayException,
  BadRequestException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/errors';
import { parseMoney } from '@app/pricing';
import { toApiFailure } from './to-api-failure';

describe('toApiFailure', () => {
  it('keeps a domain error, with an upstream status when it carries one', () => {
    expect(
      toApiFailure(
        new DomainError(ErrorCode.InvalidRequest, 'bad', { param: 'x', httpStatus: 422 }),
        'gen_1',
      ),
    ).toEqual({
      status: 422,
      code: 'invalid_request',
      message: 'bad',
      param: 'x',
    });
  });

  it('turns a money parsing error into a 400 naming the field', () => {
    let error: unknown;
    try {
      parseMoney('1e3', 'amount');
    } catch (caught) {
      error = caught;
    }
    expect(toApiFailure(error, 'gen_1')).toMatchObject({ status: 400, param: 'amount' });
  });

  it('answers unknown errors with a generic 500 naming only the request id', () => {
    const failure = toApiFailure(new Error('password=hunter2 at db host'), 'gen_42');
    expect(failure).toEqual({
      status: 500,
      code: 'internal_error',
      message: expect.stringContaining('gen_42'),
    });
    expect(failure.message).not.toContain('hunter2');
  });

  it('maps framework errors: an unknown route is a 404, a bad request a 400', () => {
    expect(toApiFailure(new NotFoundException(), 'gen_1').status).toBe(404);
    expect(toApiFailure(new BadRequestException('nope'), 'gen_1').status).toBe(400);
  });

  it('keeps the status of a 5xx framework error, without its text', () => {
    expect(
      toApiFailure(new ServiceUnavailableException('db at 10.0.0.7 is down'), 'gen_1'),
    ).toEqual({
      status: 503,
      code: 'service_unavailable',
      message: 'The service is temporarily unavailable; retry shortly.',
    });
    const failure = toApiFailure(new BadGatewayException('upstream 10.0.0.7'), 'gen_9');
    expect(failure).toMatchObject({ status: 502, code: 'internal_error' });
    expect(failure.message).toContain('gen_9');
    expect(failure.message).not.toContain('10.0.0.7');
  });
});
