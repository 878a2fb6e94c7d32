export { envSchema, type Env } from './config.schema';
export {
  loadConfig,
  readProcessEnv,
  ConfigError,
  type AppConfig,
  type UpstreamConfig,
  isProviderKeyEnvName,
  PROVIDER_KEY_ENV_NAME,
} from './app-config';
export { ConfigModule, APP_CONFIG } from './config.module';
export { configFromEnvironmentOrExit } from './boot';
