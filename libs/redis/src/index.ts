export { RedisModule, RedisService } from './redis.module';
export { createRedisClient, hashTag, type RedisClient, scanKeys } from './redis-client';
