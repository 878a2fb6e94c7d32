export { RedisModule, RedisService } from './redis.module';
