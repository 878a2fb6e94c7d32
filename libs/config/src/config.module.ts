import { Global, Module } from '@nestjs/common';
import { loadConfig, readProcessEnv, type AppConfig } from './app-config';

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Provides AppConfig everywhere. Tests override APP_CONFIG with their own value,
 * in which case the process environment is never read.
 */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: (): AppConfig => loadConfig(readProcessEnv()) }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
