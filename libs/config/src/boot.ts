import { loadConfig, readProcessEnv, type AppConfig } from './app-config';

/**
 * The configuration of a process at boot: on a missing or malformed variable it prints
 * which ones and exits with status 1, before anything starts.
 */
export function configFromEnvironmentOrExit(): AppConfig {
  try {
    return loadConfig(readProcessEnv());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
