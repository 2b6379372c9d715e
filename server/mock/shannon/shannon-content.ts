/**
 * Content of a Shannon task: agent names (Japanese station names, as the real orchestrator
 * derives them), models and per-call usage (§9), the final markdown answer with citation links,
 * the `metadata.citations` of the status endpoint, and token splitting for `thread.message.delta`.
 */
import type { Rng } from '../rng.js';
import { capitalize, finding, headline, paragraph, sentence } from '../content/prose.js';
import type { Source } from '../content/sources.js';

const STATIONS = [
  'Ryogoku', 'Shinjuku', 'Shibuya', 'Ikebukuro', 'Ueno', 'Akihabara', 'Shinagawa', 'Meguro', 'Ebisu',
  'Harajuku', 'Asakusa', 'Kanda', 'Yurakucho', 'Tamachi', 'Gotanda', 'Osaki', 'Nippori', 'Komagome',
];

/** A model and its price per 1k tokens (input, output), in USD. */
export interface Model {
  model: string;
  provider: string;
  inputPer1k: number;
  outputPer1k: number;
}

const MODELS: Record<'small' | 'medium' | 'large', Model> = {
  small: { model: 'gpt-5-nano-2025-08-07', provider: 'openai', inputPer1k: 0.00005, outputPer1k: 0.0004 },
  medium: { model: 'gpt-5-mini-2025-08-07', provider: 'openai', inputPer1k: 0.00025, outputPer1k: 0.002 },
  large: { model: 'claude-sonnet-4-5-20250929', provider: 'anthropic', inputPer1k: 0.003, outputPer1k: 0.015 },
};

/** Usage metadata of one LLM call, as in `thread.message.completed.metadata`. */
export interface CallUsage {
  tokens_used: number;
  model_used: string;
  provider: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  duration_ms: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
}

/** `count` distinct agent names. */
export function pickAgents(rng: Rng, count: number): string[] {
  return rng.sample(STATIONS, count);
}

/** The model for a tier (`model_override` wins, attributed to a plausible provider). */
export function modelFor(tier: string | undefined, override: string | undefined): Model {
  const base = MODELS[(tier as keyof typeof MODELS) ?? 'medium'] ?? MODELS.medium;
  if (!override) return base;
  const provider = /claude/i.test(override) ? 'anthropic' : /gemini/i.test(override) ? 'google' : /grok/i.test(override) ? 'xai' : 'openai';
  return { ...base, model: override, provider };
}

/** Usage of one call with a plausible token count. */
export function callUsage(rng: Rng, model: Model, outputTokens: number): CallUsage {
  const input = rng.int(400, 3200);
  const cost = (input / 1000) * model.inputPer1k + (outputTokens / 1000) * model.outputPer1k;
  return {
    tokens_used: input + outputTokens,
    model_used: model.model,
    provider: model.provider,
    input_tokens: input,
    output_tokens: outputTokens,
    cost_usd: Math.round(cost * 1e6) / 1e6,
    duration_ms: rng.int(800, 9000),
    cache_read_tokens: 0,
    cache_creation_tokens: 0,
  };
}

/** An agent's working notes (its `thread.message.completed` response): a few paragraphs citing one source. */
export function agentNotes(rng: Rng, topic: string, sources: readonly Source[]): string {
  const s = rng.pick(sources);
  return [
    `Notes on ${topic}. ${paragraph(rng, topic, 3)}`,
    `${paragraph(rng, topic, 3)} The clearest account so far is "${s.title}" (${s.url}).`,
    `${paragraph(rng, topic, 2)} Open point: ${finding(rng, topic).toLowerCase()}.`,
  ].join('\n\n');
}

/** The prompt the orchestrator sends the LLM service for a session title (activities/session_title.go). */
export function titlePrompt(query: string): string {
  return [
    'Generate a chat session title from this user query.',
    '',
    'Rules:',
    "- Use the SAME LANGUAGE as the user's query (e.g., if query is in Japanese, title must be in Japanese)",
    '- For English: 3-5 words, Title Case',
    '- No quotes, no trailing punctuation, no emojis, no sensitive identifiers',
    '- Output ONLY the title, nothing else',
    '',
    `Query: ${query}`,
  ].join('\n');
}

/** Usage of one call in the LLM service's nested form (`metadata.usage`, llm-service `_serialize_usage`). */
export function nestedUsage(usage: CallUsage, callSequence = 1): Record<string, unknown> {
  return {
    model: usage.model_used,
    provider: usage.provider,
    usage: {
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      total_tokens: usage.tokens_used,
      cost_usd: usage.cost_usd,
      cache_read_tokens: 0,
      cache_creation_tokens: 0,
      cache_creation_5m_tokens: 0,
      cache_creation_1h_tokens: 0,
      call_sequence: callSequence,
    },
  };
}

/** Usage of one call in the Go agents' flat form (activities/agent.go `LLM_OUTPUT` payload). */
export function flatUsage(usage: CallUsage, role: string): Record<string, unknown> {
  return { ...usage, role, cache_creation_5m_tokens: 0, cache_creation_1h_tokens: 0 };
}

/** Splits text into the LLM service's fixed-size delta chunks (`PARTIAL_CHUNK_CHARS`, default 512). */
export function chunkText(text: string, size = 512): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** The final answer: markdown with headings, bold, a list and numbered citation links. */
export function finalAnswer(rng: Rng, topic: string, sources: readonly Source[], detail: number): string {
  const cite = (i: number): string => {
    const n = (i % sources.length) + 1;
    return `[[${n}]](${(sources[n - 1] as Source).url})`;
  };
  const lines = [`## ${headline(rng, topic)}`, '', `**${sentence(rng, topic)}** ${paragraph(rng, topic, 2)} ${cite(0)}`, ''];
  lines.push('### Key points', '');
  for (let i = 0; i < 2 + detail; i++) lines.push(`- **${finding(rng, topic)}.** ${sentence(rng, topic)} ${cite(i + 1)}`);
  for (let i = 0; i < detail; i++) lines.push('', `### ${capitalize(rng.pick(['context', 'what changed', 'open questions', 'outlook']))}`, '', `${paragraph(rng, topic, 2)} ${cite(i + 2)}`);
  lines.push('', '### Sources', '');
  sources.forEach((s, i) => lines.push(`${i + 1}. [${s.title}](${s.url})`));
  return lines.join('\n');
}

/** A short session title (the `title_generator` agent's response). */
export function sessionTitle(topic: string): string {
  const words = capitalize(topic).split(' ');
  return words.slice(0, 6).join(' ');
}

/** Splits text into the Go agents' deltas: one character each (`PARTIAL_PUBLISH_CHARS`, default 1). */
export function characters(text: string): string[] {
  return [...text];
}

/** `metadata.citations` entries of `GET /api/v1/tasks/{id}`; `credibility[i]` scores `sources[i]`. */
export function statusCitations(sources: readonly Source[], credibility: readonly number[]): Array<Record<string, unknown>> {
  return sources.map((s, i) => ({
    url: s.url,
    title: s.title,
    source: s.domain,
    source_type: 'web',
    retrieved_at: new Date().toISOString(),
    published_date: s.published,
    credibility_score: credibility[i] ?? 0.5,
  }));
}
