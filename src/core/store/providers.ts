/**
 * The provider table. Adding an API means adding a {@link TaskProvider} here.
 */
import { ConfigError } from '../errors.js';
import { parallelProvider } from '../providers/parallel/parallel-provider.js';
import type { TaskProvider } from '../providers/provider.js';
import { shannonProvider } from '../providers/shannon/shannon-provider.js';
import type { ProviderName } from '../providers/task-event.js';

const PROVIDERS: Record<ProviderName, TaskProvider<never>> = {
  parallel: parallelProvider as TaskProvider<never>,
  shannon: shannonProvider as TaskProvider<never>,
};

/** The provider named `name`; throws a {@link ConfigError} for an unknown one. */
export function providerFor(name: ProviderName | string): TaskProvider<unknown> {
  const provider = PROVIDERS[name as ProviderName];
  if (!provider) throw new ConfigError(`Unknown provider "${name}": use "parallel" or "shannon".`);
  return provider as TaskProvider<unknown>;
}
