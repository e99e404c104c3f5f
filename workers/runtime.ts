// Routes the Temporal SDK's own logs into our JSON logger. Must run before the first NativeConnection.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { config } from '../lib/config.js';
import { logger } from '../lib/logger.js';

const SDK_LEVEL: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR', silent: 'ERROR' };
let installed = false;

export function installTemporalRuntime(): void {
  if (installed) return;
  installed = true;
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    logger: new DefaultLogger(SDK_LEVEL[config().LOG_LEVEL] ?? 'INFO', ({ level, message, meta }) => {
      const method = level === 'TRACE' ? 'trace' : level === 'DEBUG' ? 'debug' : level === 'INFO' ? 'info' : level === 'WARN' ? 'warn' : 'error';
      const { error, ...rest } = meta ?? {};
      sdkLogger[method](error === undefined ? rest : { ...rest, err: error }, message);
    }),
  });
}
