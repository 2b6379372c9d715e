/**
 * The Parallel half of `<task-form>`: input (text or JSON object), processor with price and
 * latency, output schema (auto / text / JSON with live checks), source policy, webhook, metadata,
 * and an advanced section (input schema, MCP servers, follow-up, location).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { PARALLEL_PROCESSORS } from '../../core/providers/parallel/processors.js';
import type { ParallelDraft, ParallelField } from '../../core/validation/parallel-draft.js';
import { normalizeDomain, readDomainText, withDomains } from '../../core/validation/domain-text.js';
import { countJson, renderSetValues, shortValue, type SetValue } from './advanced-summary.js';
import { chips, describedBy, field } from './form-controls.js';

export interface ParallelFieldsContext {
  draft: ParallelDraft;
  errors: Partial<Record<ParallelField, string>>;
  warnings: Partial<Record<ParallelField, string[]>>;
  /** Applies a change; `touched` names the field whose error may show from now on. */
  update(patch: Partial<ParallelDraft>, touched?: ParallelField): void;
  /** Interaction id of the selected completed run, offered for a follow-up. */
  followUpId?: string;
}

const text = (e: Event) => (e.target as HTMLInputElement).value;

/** JSON fields are set in the code font; prose (the input, a report description) in the text font. */
const CODE_FIELDS: readonly ParallelField[] = ['outputSchema', 'metadata', 'mcpServers'];

function textarea(ctx: ParallelFieldsContext, name: ParallelField, id: string, rows: number, hint?: unknown, placeholder = ''): TemplateResult {
  const error = ctx.errors[name];
  const code = CODE_FIELDS.includes(name) || (name === 'input' && ctx.draft.inputMode === 'json') || (name === 'inputSchema' && ctx.draft.inputSchema.trim().startsWith('{'));
  return html`<textarea id=${id} name=${name} rows=${rows} spellcheck="false" placeholder=${placeholder} ?required=${name === 'input'}
    class=${code ? 'code' : 'prose'} .value=${live(String(ctx.draft[name]))} aria-invalid=${error ? 'true' : 'false'}
    aria-describedby=${describedBy(id, error, hint)}
    @input=${(e: Event) => ctx.update({ [name]: text(e) } as Partial<ParallelDraft>, name)}></textarea>`;
}

function domainList(ctx: ParallelFieldsContext, list: 'include' | 'exclude'): TemplateResult {
  const key = list === 'include' ? 'includeDomains' : 'excludeDomains';
  const textKey = list === 'include' ? 'includeDomainText' : 'excludeDomainText';
  const values = ctx.draft[key];
  const id = `pf-${list}-domain`;
  const error = ctx.errors[key];
  const add = () => {
    const typed = readDomainText(ctx.draft[textKey]);
    // Valid pieces become chips; an invalid one stays in the box with its error, so nothing is lost.
    const rest = typed.error ? ctx.draft[textKey].split(/[\s,;]+/).filter((piece) => piece && !typed.domains.includes(normalizeDomain(piece))).join(' ') : '';
    ctx.update({ [key]: withDomains(values, typed.domains), [textKey]: rest } as Partial<ParallelDraft>, key);
  };
  return field({
    id,
    label: list === 'include' ? 'Only these domains' : 'Never these domains',
    error,
    hint: ctx.draft[textKey].trim() ? 'Typed but not added yet: it is added when you run the task.' : undefined,
    control: html`<div class="chip-input">
        <input id=${id} type="text" inputmode="url" autocomplete="off" placeholder=${list === 'include' ? 'example.com or .edu' : 'example.org'}
          .value=${live(ctx.draft[textKey])} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy(id, error, ctx.draft[textKey].trim())}
          @input=${(e: Event) => ctx.update({ [textKey]: text(e) } as Partial<ParallelDraft>)}
          @change=${() => ctx.update({}, key)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              add();
            }
          }} />
        <button type="button" @click=${add}>Add</button>
      </div>`,
    after: chips(list === 'include' ? 'Included domains' : 'Excluded domains', values, (v) => ctx.update({ [key]: values.filter((d) => d !== v) } as Partial<ParallelDraft>, key)),
  });
}

/** What is set in the collapsed "Webhook, metadata and advanced options" section. */
function advancedValues(ctx: ParallelFieldsContext): SetValue[] {
  const { draft } = ctx;
  const values: SetValue[] = [];
  if (draft.previousInteractionId.trim()) {
    values.push({ label: 'Follows up on', value: shortValue(draft.previousInteractionId), onClear: () => ctx.update({ previousInteractionId: '' }, 'previousInteractionId') });
  }
  if (draft.webhookUrl.trim()) values.push({ label: 'Webhook', value: shortValue(draft.webhookUrl) });
  if (draft.metadata.trim()) values.push({ label: 'Metadata', value: countJson(draft.metadata, 'key', 'keys') });
  if (draft.inputSchema.trim()) values.push({ label: 'Input schema', value: draft.inputSchema.trim().startsWith('{') ? 'JSON schema' : shortValue(draft.inputSchema) });
  if (draft.mcpServers.trim()) values.push({ label: 'MCP servers', value: countJson(draft.mcpServers, 'server', 'servers') });
  if (draft.location.trim()) values.push({ label: 'Location', value: draft.location.trim().toUpperCase() });
  return values;
}

export function renderParallelFields(ctx: ParallelFieldsContext): TemplateResult {
  const { draft, errors, warnings } = ctx;
  const advanced = advancedValues(ctx);
  const processor = PARALLEL_PROCESSORS.find((p) => p.id === draft.processor);
  const radio = (name: ParallelField, value: string, label: string) => html`<label class="choice">
    <input type="radio" name=${name} .value=${value} .checked=${live(draft[name] === value)}
      @change=${() => ctx.update({ [name]: value } as Partial<ParallelDraft>, name)} /> ${label}</label>`;
  const inputHint = draft.inputMode === 'json' ? 'A JSON object, e.g. {"company": "Acme", "country": "DE"}.' : 'What should be researched? Plain text.';
  return html`
    ${field({
      id: 'pf-input-mode', label: 'Input format', group: true,
      control: html`<div class="choices">${radio('inputMode', 'text', 'Text')}${radio('inputMode', 'json', 'JSON object')}</div>`,
    })}
    ${field({ id: 'pf-input', label: 'Task input', error: errors.input, hint: inputHint, control: textarea(ctx, 'input', 'pf-input', 4, inputHint) })}
    ${field({
      id: 'pf-processor', label: 'Processor', error: errors.processor,
      hint: processor ? `$${processor.pricePer1k} per 1,000 runs · typically ${processor.latency} · about ${processor.maxFields} output fields` : undefined,
      control: html`<select id="pf-processor" name="processor" aria-invalid=${errors.processor ? 'true' : 'false'} aria-describedby=${describedBy('pf-processor', errors.processor, processor)}
        @change=${(e: Event) => ctx.update({ processor: text(e) }, 'processor')}>
        ${PARALLEL_PROCESSORS.map((p) => html`<option value=${p.id} ?selected=${p.id === draft.processor}>${p.id} — $${p.pricePer1k}/1k · ${p.latency}</option>`)}
      </select>`,
    })}
    ${field({
      id: 'pf-output-type', label: 'Output', group: true,
      control: html`<div class="choices">${radio('outputType', 'auto', 'Auto schema')}${radio('outputType', 'text', 'Text report')}${radio('outputType', 'json', 'JSON schema')}</div>`,
    })}
    ${draft.outputType === 'text'
      ? field({ id: 'pf-output-description', label: 'What the report should cover (optional)', control: textarea(ctx, 'outputDescription', 'pf-output-description', 2) })
      : nothing}
    ${draft.outputType === 'json'
      ? field({
          id: 'pf-output-schema', label: 'Output JSON schema', error: errors.outputSchema, warnings: warnings.outputSchema,
          hint: 'Root "type": "object" with "properties"; at most 5 levels and 100 properties; no format, pattern or min/max keywords.',
          control: textarea(ctx, 'outputSchema', 'pf-output-schema', 10, true),
        })
      : nothing}
    <fieldset class="group">
      <legend>Sources</legend>
      ${domainList(ctx, 'include')}
      ${domainList(ctx, 'exclude')}
      ${field({
        id: 'pf-after-date', label: 'Only sources published after', error: errors.afterDate,
        control: html`<input id="pf-after-date" type="date" .value=${live(draft.afterDate)} aria-invalid=${errors.afterDate ? 'true' : 'false'}
          aria-describedby=${describedBy('pf-after-date', errors.afterDate)} @input=${(e: Event) => ctx.update({ afterDate: text(e) }, 'afterDate')} />`,
      })}
    </fieldset>
    <details class="group" id="pf-advanced">
      <summary aria-describedby=${advanced.length ? 'pf-advanced-set' : nothing}>Webhook, metadata and advanced options</summary>
      ${field({
        id: 'pf-webhook', label: 'Webhook URL (https)', error: errors.webhookUrl,
        control: html`<input id="pf-webhook" type="url" placeholder="https://example.com/hooks/parallel" .value=${live(draft.webhookUrl)}
          aria-invalid=${errors.webhookUrl ? 'true' : 'false'} aria-describedby=${describedBy('pf-webhook', errors.webhookUrl)}
          @input=${(e: Event) => ctx.update({ webhookUrl: text(e) }, 'webhookUrl')} />`,
        after: html`<label class="choice"><input type="checkbox" .checked=${live(draft.webhookStatus)}
            @change=${(e: Event) => ctx.update({ webhookStatus: (e.target as HTMLInputElement).checked }, 'webhookStatus')} /> Notify on completion (task_run.status)</label>`,
      })}
      ${field({ id: 'pf-metadata', label: 'Metadata (JSON object)', error: errors.metadata, hint: 'Keys up to 16 characters, values up to 512.', control: textarea(ctx, 'metadata', 'pf-metadata', 2, true, '{"project": "q3-review"}') })}
      ${field({ id: 'pf-input-schema', label: 'Input schema (optional)', error: errors.inputSchema, hint: 'A description, or a JSON schema starting with {.', control: textarea(ctx, 'inputSchema', 'pf-input-schema', 2, true) })}
      ${field({ id: 'pf-mcp', label: 'MCP servers (JSON array)', error: errors.mcpServers, control: textarea(ctx, 'mcpServers', 'pf-mcp', 3, undefined, '[{"type":"url","name":"docs","url":"https://mcp.example.com"}]') })}
      ${field({
        id: 'pf-previous', label: 'Follow up on an earlier run (interaction id)',
        hint: ctx.followUpId ? html`<button type="button" class="link-button" @click=${() => ctx.update({ previousInteractionId: ctx.followUpId! }, 'previousInteractionId')}>Follow up on the selected run</button>` : undefined,
        control: html`<input id="pf-previous" type="text" autocomplete="off" .value=${live(draft.previousInteractionId)}
          aria-describedby=${describedBy('pf-previous', undefined, ctx.followUpId)} @input=${(e: Event) => ctx.update({ previousInteractionId: text(e) }, 'previousInteractionId')} />`,
      })}
      ${field({
        id: 'pf-location', label: 'Location (country code)', error: errors.location,
        control: html`<input id="pf-location" type="text" maxlength="2" placeholder="US" .value=${live(draft.location)}
          aria-invalid=${errors.location ? 'true' : 'false'} aria-describedby=${describedBy('pf-location', errors.location)}
          @input=${(e: Event) => ctx.update({ location: text(e) }, 'location')} />`,
      })}
    </details>
    ${renderSetValues('pf-advanced-set', advanced)}`;
}
