/**
 * The English words of `<task-stream>`: the reference for translators and the fallback.
 * Placeholders are `{name}`; plural messages list CLDR forms chosen by `{count}`. Other languages
 * translate these keys in their catalog (`TaskStrings`, components/shared/i18n/catalog.ts).
 */
import { translator } from '../../core/i18n/scope.js';

export const streamStrings = {
  /** The heading of a run with no title and no input. */
  'stream.task.parallel': 'Parallel task',
  'stream.task.shannon': 'Shannon task',

  // The header (render-header.ts).
  'stream.waiting.actionRequired.parallel': 'Parallel is waiting for someone to act on this run before it continues. Check the run in the Parallel platform, then press Check again to follow it.',
  'stream.waiting.actionRequired.shannon': 'Shannon is waiting for someone to act on this run before it continues.',
  'stream.waiting.paused.parallel': 'This run is paused. It continues when it is resumed.',
  'stream.waiting.paused.shannon': 'This run is paused. Press Resume to let it continue.',
  'stream.waiting.other': 'This run is waiting for someone to act on it.',
  'stream.warnings': 'Warnings',
  'stream.warningType.spec': 'Spec validation warning',
  'stream.warningType.input': 'Input validation warning',
  'stream.warningType.warning': 'Warning',
  'stream.priceTitle': 'Parallel\'s price for one run of this processor',
  'stream.perRun': '{price} per run',
  /** Shannon's mode, e.g. "research mode". */
  'stream.mode': '{mode} mode',
  /** Shannon's model tier, e.g. "large tier". */
  'stream.tier': '{tier} tier',
  'stream.question': 'The question',
  'stream.input': 'The input',
  'stream.wholeInput': 'The whole input',
  /** `{age}` is a relative time ("3 minutes ago"). */
  'stream.created': 'created {age}',
  'stream.id': 'ID',
  'stream.copyId': 'Copy run id',
  'stream.copy': 'Copy',

  // The connection (render-connection.ts).
  'stream.phase.idle': 'Not connected',
  'stream.phase.waitingForConfig': 'Waiting for settings',
  'stream.phase.connecting': 'Connecting…',
  'stream.phase.open': 'Live',
  /** An open stream of a run that waits for a person (paused): nothing is live. */
  'stream.phase.openWaiting': 'Connected',
  'stream.phase.checkingStatus': 'Checking the status',
  'stream.phase.backingOff': 'Reconnecting',
  'stream.phase.offline': 'Offline: waiting for the network',
  'stream.phase.confirmingFinalStatus': 'Confirming the final status',
  'stream.phase.needsAction': 'Waiting for your action',
  'stream.phase.finished': 'Finished',
  'stream.phase.stopped': 'Not watching',
  'stream.phase.failed': 'Connection failed',
  /** A finished run whose output is being fetched (the view has none yet). */
  'stream.phase.loadingResult': 'Loading the result…',
  /** A finished run whose output could not be fetched; `stream.loadResult` tries again. */
  'stream.phase.resultMissing': 'Result not loaded',
  'stream.loadResult': 'Load the result',
  /** A run that waits for the connection budget (`maxStreams`): no error, nothing lost. */
  'stream.phase.queued': 'Waiting for a free connection',
  /** Under it: why, and what happens. `{count}`: the budget; `{seconds}`: the status check interval. */
  'stream.queuedNote': {
    one: '{count} other run is streaming in your open tabs, the most at once. This run streams as soon as it ends; until then its status is checked every {seconds} s. To see it live now, stop watching the other run.',
    other: '{count} other runs are streaming in your open tabs, the most at once. This run streams as soon as one of them ends; until then its status is checked every {seconds} s. To see it live now, stop watching another run.',
  },
  'stream.retryNow': 'Retry now',
  'stream.reconnect': 'Reconnect',
  'stream.watchAgain': 'Watch again',
  'stream.checkAgain': 'Check again',
  'stream.attempt': 'attempt {n}',
  'stream.retryingNow': 'retrying now',
  'stream.checkingNow': 'checking now',
  'stream.nextTry': 'next try in {seconds} s',
  'stream.nextCheck': 'next check in {seconds} s',

  // Errors and endings (render-failure.ts).
  'stream.details': 'Details',
  'stream.serverSaid': 'The server said: “{detail}”',
  'stream.reference': 'Reference: {ref}',
  'stream.endingLabel': 'How the run ended',
  'stream.ending.failed': 'This run failed.',
  /** What to do after a failure, per provider: Parallel runs on a processor, Shannon in a mode with a model tier. */
  'stream.ending.failedAdvice.parallel': 'Runs sometimes fail for reasons that pass. Try again; if it fails again, change the input or choose another processor.',
  'stream.ending.failedAdvice.shannon': 'Runs sometimes fail for reasons that pass. Try again; if it fails again, change the question, or choose another mode or a larger model tier.',
  'stream.ending.timeout': 'This run ran out of time before it finished.',
  'stream.ending.timeoutAdvice': 'Try again, or ask a narrower question so it needs less time.',
  'stream.ending.cancelled': 'This run was cancelled.',
  'stream.ending.cancelledAdvice': 'Nothing more will happen to it.',
  'stream.tryAgain': 'Try again',
  'stream.runAgain': 'Run again',
  // Under a finished run (render-rerun.ts).
  'stream.editRunAgain': 'Edit & run again',
  'stream.noForm': 'There is no task form for these runs on this page to edit it in.',

  // Controls (render-controls.ts).
  'stream.resume': 'Resume',
  'stream.resuming': 'Resuming…',
  'stream.pause': 'Pause',
  'stream.pausing': 'Pausing…',
  'stream.approvalNeeded': 'Needs your approval:',
  'stream.approvalHint': 'The event does not say which approval it is, so it cannot be answered here: answer it in Shannon.',
  'stream.stopWatching': 'Stop watching',
  'stream.stopHint': 'Stop watching only closes this view: the run goes on.',
  'stream.cancelUnsupported': 'The Parallel Task API has no cancel endpoint: a run always finishes on its own.',
  'stream.cancelConfirm': 'Cancel this run?',
  'stream.cancelQuestion': 'Cancel this run? It stops for good and cannot be resumed.',
  'stream.cancelYes': 'Yes, cancel the run',
  'stream.cancelNo': 'Keep it running',
  'stream.cancel': 'Cancel run',
  'stream.cancelling': 'Cancelling…',

  // Progress (render-progress.ts).
  'stream.progress': 'Progress',
  /** `{usage}` is "1,500 tokens (1,200 in, 300 out) · $0.0009". */
  'stream.used': 'used {usage}',
  'stream.usedSoFar': 'used so far {usage}',
  'stream.usageByAgent': 'by agent ({count})',
  /** `{usage}` as in `stream.used`, without the model. */
  'stream.usageAgent': '{agent}: {usage}',
  'stream.usageNotSeen': 'Not in the events this page received',
  'stream.usageOther': 'Not counted under an agent',
  'stream.usageMixed': 'The total is the server’s own count; the agents’ figures are from the events this page received.',
  'stream.elapsed': 'elapsed {time}',
  'stream.ranFor': 'ran for {time}',
  /** A run nobody here follows (the user stopped watching): the elapsed time when last heard of, and at what local time. */
  'stream.elapsedAsOf': 'elapsed {time} as of {clock}',
  'stream.sources': 'sources: {considered} considered, {read} read',
  /** The counts were missed (a gap in the stream): the sources the result cites. */
  'stream.sourcesCited': { one: '{count} source cited', other: '{count} sources cited' },
  'stream.sourcesSample': 'Sample of sources read',
  'stream.progressWaiting': 'waiting',

  // The event log (render-log.ts, render-event.ts).
  'stream.log': 'Progress events',
  'stream.logCount': { one: '{count} progress event', other: '{count} progress events' },
  /** A finished run's log of status changes only (queued → running → completed), no progress. */
  'stream.logStatusCount': { one: '{count} status change', other: '{count} status changes' },
  'stream.show': 'show',
  'stream.hide': 'hide',
  'stream.earlier': 'Show earlier events ({count} more)',
  'stream.latest': 'Show latest events',
  'stream.latestNew': 'Show latest events ({count} new)',
  'stream.eventList': 'Event list',
  'stream.events': 'Events',
  'stream.noEvents': 'No events yet.',
  /** A Parallel run known here while active whose progress never came: its stream started after its end (`logIncomplete`, core/store/lost-progress.ts). */
  'stream.logNotRecorded': 'The progress log was not recorded: this run finished before it was followed here (it waited for a free connection, or no open page was following it), and Parallel keeps only the result of a finished run.',
  /** A Parallel run first opened after it finished (Parallel keeps no steps of a finished run). */
  'stream.finalStateNote': 'This run had finished before it was opened here. Parallel keeps only the result of a finished run, not its steps, so there are no progress events to show.',
  'stream.unreadable': { one: '{count} event could not be read · details', other: '{count} events could not be read · details' },
  'stream.unreadableText': {
    one: 'The server sent an event whose data was cut off or malformed, so it was skipped. The rest of the run is not affected.',
    other: 'The server sent events whose data was cut off or malformed, so they were skipped. The rest of the run is not affected.',
  },
  'stream.unreadableSource': 'event',
  'stream.label.plan': 'Plan',
  'stream.label.search': 'Search',
  'stream.label.result': 'Result',
  'stream.label.toolCall': 'Tool call',
  'stream.label.progress': 'Progress',
  'stream.label.started': 'Started',
  'stream.label.done': 'Done',
  'stream.label.agentStarted': 'Agent started',
  'stream.label.agentDone': 'Agent done',
  'stream.label.status': 'Status',
  'stream.label.thinking': 'Thinking',
  'stream.label.tool': 'Tool · {tool}',
  'stream.label.toolResult': 'Result · {tool}',
  'stream.label.message': 'Message',
  'stream.label.usage': 'Usage',
  'stream.label.budget': 'Budget',
  'stream.label.approvalNeeded': 'Approval needed',
  'stream.label.approval': 'Approval',
  'stream.label.workflow': 'Workflow',
  'stream.label.error': 'Error',
  'stream.label.gap': 'Missed events',
  'stream.answerShown': 'Wrote the answer shown in the result.',
  'stream.emptyMessage': '(empty)',
  'stream.gap.recovered': { one: 'The connection skipped {count} event; all were recovered.', other: 'The connection skipped {count} events; all were recovered.' },
  'stream.gap.lost': {
    one: '{count} event could not be recovered after the connection skipped ahead.',
    other: '{count} events could not be recovered after the connection skipped ahead.',
  },
  'stream.gap.lostSome': {
    one: '{count} event could not be recovered after the connection skipped ahead ({recovered} recovered).',
    other: '{count} events could not be recovered after the connection skipped ahead ({recovered} recovered).',
  },
  'stream.gap.note': 'Streamed text from that time is incomplete; the final answer is not affected.',
  'stream.showLess': 'Show less',
  'stream.showAll': { one: 'Show all ({count} character)', other: 'Show all ({count} characters)' },
  'stream.toolFailed': '(failed)',
  'stream.ref': '(ref {ref})',

  // The answer as it is written, and the result (render-output.ts, render-fields.ts, render-run.ts).
  'stream.live': 'Answer being written',
  'stream.writing': 'writing…',
  'stream.finishedWriting': 'finished writing',
  /** A text the run left unfinished: it ended (failed, cancelled) while the text was written. */
  'stream.stoppedWriting': 'stopped writing (the run ended)',
  'stream.liveEnded': 'Answer as far as it was written',
  /** A failed run whose reason is a workflow engine's text (shown as details). */
  'stream.stepFailed': 'A step of this run failed inside the research service, so the run stopped before it could finish.',
  'stream.partial': 'Part of this text was lost while the connection skipped ahead; it is incomplete. The final answer is shown in full when it arrives.',
  'stream.result': 'Result',
  'stream.confidence.high': 'high confidence',
  'stream.confidence.medium': 'medium confidence',
  'stream.confidence.low': 'low confidence',
  /** A confidence level the API named otherwise. */
  'stream.confidence.other': '{level} confidence',
  'stream.basis': { one: 'Sources and reasoning ({count} field)', other: 'Sources and reasoning ({count} fields)' },
  /** The sources of a whole text answer that the answer itself does not link. */
  'stream.basisAnswer': 'Sources and reasoning',
  'stream.toolCalls': 'MCP tool calls ({count})',
  'stream.toolCallFailed': 'failed: {error}',
  'stream.arguments': 'Arguments',
  'stream.answer': 'Answer',
  'stream.rawJson': 'Raw JSON',
  'stream.displayFailed': 'This result could not be displayed in full; its text follows.',
  'stream.notGiven': 'not given',
  'stream.none': 'none',
  'stream.yes': 'Yes',
  'stream.no': 'No',
  'stream.evidence': 'Evidence',
  'stream.why': 'Why',
  'stream.rowsShown': '{shown} of {count} rows shown; the raw JSON has them all.',
  'stream.otherSources': 'Other sources',
  'stream.copyOutput': 'Copy output',
  'stream.download': 'Download run (JSON)',
  'stream.copied.output': 'Output copied.',
  'stream.copied.runId': 'Run id copied.',
  'stream.copyFailed.output': 'Could not copy the output: the browser refused clipboard access.',
  'stream.copyFailed.runId': 'Could not copy the run id: the browser refused clipboard access.',
  'stream.secretsNotKept': 'Secrets are not kept with a run: the form holds this request now; enter them there and submit.',
  'stream.submitting': 'Submitting…',
  'stream.evicted': 'This run’s event log was removed to save space. The result and status are kept.',
  'stream.evictedFailed': 'Could not load the events again: {error}',
  'stream.loadingEvents': 'Loading the events…',
  'stream.loadEvents': 'Load the events again',

  // Agents by role (agent-names.ts); other agent ids are shown as they are.
  'stream.agent.coordinator': 'Coordinator',
  'stream.agent.titleWriter': 'Title writer',
  'stream.agent.finalAnswer': 'Final answer',
  'stream.agent.synthesis': 'Synthesis',
  'stream.agent.planner': 'Planner',
  'stream.agent.assistant': 'Assistant',
  'stream.agent.budgetManager': 'Budget manager',
  'stream.agent.reviewer': 'Reviewer',

  // The timeline (render-timeline.ts): its summary for screen readers, lanes and marks.
  'stream.timeline.label': 'Timeline of the run',
  'stream.timeline.plot': 'Events by time',
  'stream.timeline.sources': 'Sources',
  'stream.timeline.read': '{count} read',
  'stream.timeline.phase.plan': 'Plan',
  'stream.timeline.phase.search': 'Search',
  'stream.timeline.phase.toolCall': 'Tool calls',
  'stream.timeline.phase.result': 'Results',
  'stream.timeline.phase.progress': 'Progress',
  /** `{duration}` is how long the run ran ("2:05"). */
  'stream.timeline.of': 'Timeline of {duration}.',
  'stream.timeline.soFar': 'Timeline so far, {duration}.',
  'stream.timeline.phaseMessages': { one: '{phase}: {count} message', other: '{phase}: {count} messages' },
  'stream.timeline.noMessages': 'No progress messages yet.',
  'stream.timeline.sourcesSummary': 'Sources: {considered} considered, {read} read.',
  'stream.timeline.noAgents': 'No agent has started yet.',
  'stream.timeline.agents': { one: '{count} agent.', other: '{count} agents.' },
  /** Agents whose calls the server counted but who sent no event: "Decompose: 1,200 tokens · $0.00040". */
  'stream.timeline.noLane': 'Without a lane: {agents}.',
  /** How long an agent was active, e.g. "active 0:42". */
  'stream.timeline.active': 'active {duration}',
  'stream.timeline.toolCalls': { one: '{count} tool call', other: '{count} tool calls' },
  /** A mark's label: `{name}` is its phase or agent, `{time}` how long after the start. */
  'stream.timeline.mark': '{name} at {time}',
  'stream.timeline.markTool': '{name}: tool call {tool} at {time}',
  'stream.timeline.markUsage': '{name}: {tokens} at {time}',
  'stream.timeline.markError': '{name}: error at {time}',
  /** A mark that stands for several events of a long run. */
  'stream.timeline.merged': { one: '({count} event)', other: '({count} events)' },

} as const;

/** A word of `<task-stream>` in the language of the render in progress (English when the catalog lacks it). */
export const t = translator(streamStrings);
