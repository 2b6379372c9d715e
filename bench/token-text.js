// The token stream of the bench (issue 15 §3), the same in the server (scripts/bench-tokens.mjs) and
// the page (bench/tokens-page.js): `count` one-character Shannon `thread.message.delta` events from
// three agents, interleaved at random (seeded), each agent writing its own text. The characters
// include what a decoder can get wrong: multi-byte UTF-8 (ä, ß, —, an emoji split across network
// chunks), JSON escapes (quote, backslash, newline) and spaces.

export const AGENTS = ['Ryogoku', 'Asakusa', 'Shibuya'];
const CHARS = [...'abcdefghijklmnopqrstuvwxyz      ,.äöüßé—"\\\n', '😀'];

/** A small seeded PRNG (mulberry32): the same sequence in Node and the browser. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The events in send order: `{ seq, agent, char, index }` (`index`: the character's place in its
 * agent's text, in characters), and each agent's whole text.
 */
export function tokenStream(count, seed = 15) {
  const next = random(seed);
  const events = [];
  const texts = Object.fromEntries(AGENTS.map((agent) => [agent, []]));
  let agent = 0;
  for (let seq = 1; seq <= count; seq++) {
    // Agents take turns in runs of 1–8 pieces, as parallel agents' streams interleave.
    if (next() < 0.3) agent = Math.floor(next() * AGENTS.length);
    const name = AGENTS[agent];
    const char = CHARS[Math.floor(next() * CHARS.length)];
    events.push({ seq, agent: name, char, index: texts[name].length });
    texts[name].push(char);
  }
  return { events, texts: Object.fromEntries(AGENTS.map((name) => [name, texts[name].join('')])) };
}

/** One event as Shannon's gateway sends it (shannon-streaming-api.md §5.3–5.4). */
export function shannonFrame(event, workflowId) {
  const id = `${1764460800000 + event.seq}-0`;
  const data = { agent_id: event.agent, delta: event.char, seq: event.seq, stream_id: id, workflow_id: workflowId };
  return `id: ${id}\nevent: thread.message.delta\ndata: ${JSON.stringify(data)}\n\n`;
}
