#!/usr/bin/env node
// `escalate-service [--config file.json]`: starts the escalation service from its configuration
// (see the README's "Running the service"), and stops it cleanly on SIGINT or SIGTERM.
import { ConfigError, loadConfig, serviceOptions } from './config.js';
import { createLogger } from './logger.js';
import { startService } from './service.js';
import { StoreError } from './store/store-error.js';

const at = process.argv.indexOf('--config');
const configFile = at > 0 ? process.argv[at + 1] : undefined;

try {
  const config = loadConfig(process.env, configFile);
  const log = createLogger(config.logLevel);
  if (!config.sms.webhookUrl)
    log.warn({ outbox: `${config.dataDir}/outbox.jsonl` }, 'no SMS webhook configured: messages go to the outbox file');
  if ((config.limits.smsCallingCodes ?? []).length === 0)
    log.warn('no SMS calling codes allowed (ESCALATE_SMS_CALLING_CODES): no SMS will be sent');
  const service = await startService({ ...serviceOptions(config), logger: log });
  const stop = async () => {
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The parent (a demo or a supervisor) may read this line to learn the address.
  // eslint-disable-next-line no-console
  console.log(`escalation service listening on ${service.url}`);
} catch (error) {
  if (!(error instanceof ConfigError) && !(error instanceof StoreError)) throw error;
  console.error(error.message);
  process.exit(2);
}
