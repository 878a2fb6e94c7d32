import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { RedisService } from '@app/redis';

/** How long a dashboard session lives after sign-in, whatever happens: then sign in again. */
export const SESSION_TTL_SECONDS = 8 * 3600;

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** What the server remembers of a signed-in browser: the key id, never the key. */
export interface DashboardSession {
  /** The cookie's value; only its SHA-256 is a Redis key. */
  id: string;
  keyId: string;
  accountId: string;
  /** The synchronizer token every form of this session must send back. */
  csrfToken: string;
  createdAt: string;
}

const token = (): string => randomBytes(32).toString('base64url');

/**
 * Dashboard sessions in Redis, under the process's prefix, expiring on their own. The Redis
 * key is the SHA-256 of the session id, so a Redis dump holds no usable session.
 */
@Injectable()
export class DashboardSessionStore {
  constructor(private readonly redis: RedisService) {}

  async create(keyId: string, accountId: string): Promise<DashboardSession> {
    const session: DashboardSession = {
      id: token(),
      keyId,
      accountId,
      csrfToken: token(),
      createdAt: new Date().toISOString(),
    };
    const { id: _id, ...stored } = session;
    await this.redis.client.set(
      this.keyOf(session.id),
      JSON.stringify(stored),
      'EX',
      SESSION_TTL_SECONDS,
    );
    return session;
  }

  async find(id: string | undefined): Promise<DashboardSession | undefined> {
    if (id === undefined || !SESSION_ID.test(id)) return undefined;
    const stored = await this.redis.client.get(this.keyOf(id));
    if (stored === null) return undefined;
    const parsed = JSON.parse(stored) as Omit<DashboardSession, 'id'>;
    return { id, ...parsed };
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id === undefined || !SESSION_ID.test(id)) return;
    await this.redis.client.del(this.keyOf(id));
  }

  private keyOf(id: string): string {
    return this.redis.key('dashboard-session', createHash('sha256').update(id).digest('hex'));
  }
}
