/**
 * The store's one-shot API calls, without store state: create a run, ask for a cancel, a pause or a
 * resume, read a status. The store applies what they return.
 */
import { callApi, type EndpointConfig } from '../client/api-request.js';
import { TaskElementsError } from '../errors.js';
import type { StatusSnapshot, TaskProvider } from '../providers/provider.js';
import type { TaskRun } from '../providers/task-event.js';
import { reportServerTime } from '../util/server-time.js';
import { providerFor } from './providers.js';

/** Sends the create request; the run keeps its create body for re-runs. */
export async function createRun<P>(params: P, endpoint: EndpointConfig, createdAt: string, signal?: AbortSignal): Promise<TaskRun> {
  const provider = providerFor(endpoint.provider) as TaskProvider<P>;
  const sentAt = Date.now();
  const body = await callApi(endpoint, provider.createRequest(params), signal);
  const receivedAt = Date.now();
  const { run, serverTime } = provider.parseCreated(body, params, createdAt);
  if (serverTime) reportServerTime({ provider: endpoint.provider, serverTime, sentAt, receivedAt });
  return { ...run, request: params };
}

/** Asks the API to cancel; rejects with the reason where the provider has no cancel endpoint. */
export async function requestCancel(runId: string, endpoint: EndpointConfig): Promise<void> {
  const provider = providerFor(endpoint.provider);
  if (!provider.cancelRequest) throw new TaskElementsError(provider.cancelUnsupportedReason ?? 'This API cannot cancel runs.');
  await callApi(endpoint, provider.cancelRequest(runId));
}

/** Asks the API to pause or resume a run; rejects where the provider cannot. */
export async function requestControl(runId: string, endpoint: EndpointConfig, action: 'pause' | 'resume'): Promise<void> {
  const provider = providerFor(endpoint.provider);
  if (!provider.controlRequest) throw new TaskElementsError(`This API cannot ${action} runs.`);
  await callApi(endpoint, provider.controlRequest(runId, action));
}

/** Reads a run's status once. */
export async function fetchStatus(runId: string, endpoint: EndpointConfig, signal?: AbortSignal): Promise<StatusSnapshot> {
  const provider = providerFor(endpoint.provider);
  return provider.parseStatus(await callApi(endpoint, provider.statusRequest(runId), signal));
}
