import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress } from './webhook-url.policy';

/**
 * POSTs to a URL, connecting only to the addresses already checked (not to what DNS
 * answers a moment later: no rebinding between the check and the connect), with TLS
 * still verified against the URL's host name. Answers the status; never follows a
 * redirect (a 3xx is just a status).
 */
export function pinnedPost(
  url: string,
  addresses: readonly CheckedAddress[],
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const target = new URL(url);
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    timeout: timeoutMs,
    ...(addresses.length > 0 ? { lookup: pinnedLookup(addresses) } : {}),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const outgoing = send(target, options, (response) => {
      response.resume(); // the body is not read, only drained
      response.on('end', () => {
        clearTimeout(deadline);
        resolve(response.statusCode ?? 0);
      });
      response.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    outgoing.end(body);
  });
}

/** A dns.lookup stand-in that answers only the checked addresses. */
function pinnedLookup(addresses: readonly CheckedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const usable = addresses.filter(
      (candidate) => !options.family || candidate.family === options.family,
    );
    if (usable.length === 0) {
      callback(
        Object.assign(new Error('no checked address of that family'), { code: 'ENOTFOUND' }),
        '',
        0,
      );
      return;
    }
    if (options.all) {
      (callback as unknown as (error: null, all: CheckedAddress[]) => void)(null, usable);
      return;
    }
    callback(null, usable[0].address, usable[0].family);
  };
}
