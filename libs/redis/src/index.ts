export { RedisModule } from './redis.module';
export { RedisService } from './redis.service';
export { createRedisClient, hashTag, type RedisClient, scanKeys } from './redis-client';
