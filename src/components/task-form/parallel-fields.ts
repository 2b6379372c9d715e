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
import { l10n } from '../../core/i18n/scope.js';
import { t } from './strings.js';

export interface ParallelFieldsContext {
  draft: ParallelDraft;
  errors: Partial<Record<ParallelField, string>>;
  warnings: Partial<Record<ParallelField, string[]>>;
  /** Applies a change; `touched` names the field whose error may show from now on. */
  update(patch: Partial<ParallelDraft>, touched?: ParallelField): void;
  /** Interaction id of the selected completed run, offered for a follow-up. */
  followUpId?: string;
  /** Replaces the single input (batch mode, task-group/batch-mode.ts). */
  inputFields?: TemplateResult;
}

const text = (e: Event) => (e.target as HTMLInputElement).value;

/** US dollars in the render's language, by the one rule for costs: "$5", "$2,400", "$0.25" (en), "5 $" (de). */
const usd = (amount: number) => l10n().cost(amount);

const UNITS: Record<string, string> = { s: 'second', min: 'minute', hr: 'hour' };

/** A latency range as the processor table writes it ("60s–5min") in the render's language ("60 s–5 min"). */
function latency(range: string): string {
  return range.split('–').map((end) => {
    const match = /^(\d+)(s|min|hr)$/.exec(end.trim());
    return match ? l10n().number(Number(match[1]), { style: 'unit', unit: UNITS[match[2]!]!, unitDisplay: 'short' }) : end;
  }).join('–');
}

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
    label: t(list === 'include' ? 'form.parallel.includeDomains' : 'form.parallel.excludeDomains'),
    error,
    hint: ctx.draft[textKey].trim() ? t('form.parallel.domainTyped') : undefined,
    control: html`<div class="chip-input">
        <input id=${id} type="text" inputmode="url" autocomplete="off" placeholder=${list === 'include' ? t('form.parallel.includePlaceholder') : 'example.org'}
          .value=${live(ctx.draft[textKey])} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy(id, error, ctx.draft[textKey].trim())}
          @input=${(e: Event) => ctx.update({ [textKey]: text(e) } as Partial<ParallelDraft>)}
          @change=${() => ctx.update({}, key)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              add();
            }
          }} />
        <button type="button" @click=${add}>${t('form.parallel.add')}</button>
      </div>`,
    after: chips(t(list === 'include' ? 'form.parallel.included' : 'form.parallel.excluded'), values, (v) => ctx.update({ [key]: values.filter((d) => d !== v) } as Partial<ParallelDraft>, key)),
  });
}

/** What is set in the collapsed "Webhook, metadata and advanced options" section. */
function advancedValues(ctx: ParallelFieldsContext): SetValue[] {
  const { draft } = ctx;
  const values: SetValue[] = [];
  if (draft.previousInteractionId.trim()) {
    values.push({ label: t('form.parallel.set.followUp'), value: shortValue(draft.previousInteractionId), onClear: () => ctx.update({ previousInteractionId: '' }, 'previousInteractionId') });
  }
  if (draft.webhookUrl.trim()) values.push({ label: t('form.parallel.set.webhook'), value: shortValue(draft.webhookUrl) });
  if (draft.metadata.trim()) values.push({ label: t('form.parallel.set.metadata'), value: countJson(draft.metadata, 'form.set.keys') });
  if (draft.inputSchema.trim()) values.push({ label: t('form.parallel.set.inputSchema'), value: draft.inputSchema.trim().startsWith('{') ? t('form.parallel.set.jsonSchema') : shortValue(draft.inputSchema) });
  if (draft.mcpServers.trim()) values.push({ label: t('form.parallel.set.mcp'), value: countJson(draft.mcpServers, 'form.set.servers') });
  if (draft.location.trim()) values.push({ label: t('form.parallel.set.location'), value: draft.location.trim().toUpperCase() });
  return values;
}

export function renderParallelFields(ctx: ParallelFieldsContext): TemplateResult {
  const { draft, errors, warnings } = ctx;
  const advanced = advancedValues(ctx);
  const processor = PARALLEL_PROCESSORS.find((p) => p.id === draft.processor);
  const radio = (name: ParallelField, value: string, label: string) => html`<label class="choice">
    <input type="radio" name=${name} .value=${value} .checked=${live(draft[name] === value)}
      @change=${() => ctx.update({ [name]: value } as Partial<ParallelDraft>, name)} /> ${label}</label>`;
  const inputHint = draft.inputMode === 'json' ? t('form.parallel.inputHintJson') : t('form.parallel.inputHintText');
  return html`
    ${ctx.inputFields ?? html`${field({
      id: 'pf-input-mode', label: t('form.parallel.inputFormat'), group: true,
      control: html`<div class="choices">${radio('inputMode', 'text', t('form.parallel.inputText'))}${radio('inputMode', 'json', t('form.parallel.inputJson'))}</div>`,
    })}
    ${field({ id: 'pf-input', label: t('form.parallel.input'), error: errors.input, hint: inputHint, control: textarea(ctx, 'input', 'pf-input', 4, inputHint) })}`}
    ${field({
      id: 'pf-processor', label: t('form.parallel.processor'), error: errors.processor,
      hint: processor ? t('form.parallel.processorHint', { price: usd(processor.pricePer1k), latency: latency(processor.latency), fields: processor.maxFields }) : undefined,
      control: html`<select id="pf-processor" name="processor" aria-invalid=${errors.processor ? 'true' : 'false'} aria-describedby=${describedBy('pf-processor', errors.processor, processor)}
        @change=${(e: Event) => ctx.update({ processor: text(e) }, 'processor')}>
        ${PARALLEL_PROCESSORS.map((p) => html`<option value=${p.id} ?selected=${p.id === draft.processor}>${t('form.parallel.processorOption', { id: p.id, price: usd(p.pricePer1k), latency: latency(p.latency) })}</option>`)}
      </select>`,
    })}
    ${field({
      id: 'pf-output-type', label: t('form.parallel.output'), group: true,
      control: html`<div class="choices">${radio('outputType', 'auto', t('form.parallel.outputAuto'))}${radio('outputType', 'text', t('form.parallel.outputText'))}${radio('outputType', 'json', t('form.parallel.outputJson'))}</div>`,
    })}
    ${draft.outputType === 'text'
      ? field({ id: 'pf-output-description', label: t('form.parallel.outputDescription'), control: textarea(ctx, 'outputDescription', 'pf-output-description', 2) })
      : nothing}
    ${draft.outputType === 'json'
      ? field({
          id: 'pf-output-schema', label: t('form.parallel.outputSchema'), error: errors.outputSchema, warnings: warnings.outputSchema,
          hint: t('form.parallel.outputSchemaHint'),
          control: textarea(ctx, 'outputSchema', 'pf-output-schema', 10, true),
        })
      : nothing}
    <fieldset class="group">
      <legend>${t('form.parallel.sources')}</legend>
      ${domainList(ctx, 'include')}
      ${domainList(ctx, 'exclude')}
      ${field({
        id: 'pf-after-date', label: t('form.parallel.afterDate'), error: errors.afterDate,
        control: html`<input id="pf-after-date" type="date" .value=${live(draft.afterDate)} aria-invalid=${errors.afterDate ? 'true' : 'false'}
          aria-describedby=${describedBy('pf-after-date', errors.afterDate)} @input=${(e: Event) => ctx.update({ afterDate: text(e) }, 'afterDate')} />`,
      })}
    </fieldset>
    <details class="group" id="pf-advanced">
      <summary aria-describedby=${advanced.length ? 'pf-advanced-set' : nothing}>${t('form.parallel.advanced')}</summary>
      ${field({
        id: 'pf-webhook', label: t('form.parallel.webhook'), error: errors.webhookUrl,
        control: html`<input id="pf-webhook" type="url" placeholder="https://example.com/hooks/parallel" .value=${live(draft.webhookUrl)}
          aria-invalid=${errors.webhookUrl ? 'true' : 'false'} aria-describedby=${describedBy('pf-webhook', errors.webhookUrl)}
          @input=${(e: Event) => ctx.update({ webhookUrl: text(e) }, 'webhookUrl')} />`,
        after: html`<label class="choice"><input type="checkbox" .checked=${live(draft.webhookStatus)}
            @change=${(e: Event) => ctx.update({ webhookStatus: (e.target as HTMLInputElement).checked }, 'webhookStatus')} /> ${t('form.parallel.webhookStatus')}</label>`,
      })}
      ${field({ id: 'pf-metadata', label: t('form.parallel.metadata'), error: errors.metadata, hint: t('form.parallel.metadataHint', { keyChars: 16, valueChars: 512 }), control: textarea(ctx, 'metadata', 'pf-metadata', 2, true, '{"project": "q3-review"}') })}
      ${field({ id: 'pf-input-schema', label: t('form.parallel.inputSchema'), error: errors.inputSchema, hint: t('form.parallel.inputSchemaHint'), control: textarea(ctx, 'inputSchema', 'pf-input-schema', 2, true) })}
      ${field({ id: 'pf-mcp', label: t('form.parallel.mcp'), error: errors.mcpServers, control: textarea(ctx, 'mcpServers', 'pf-mcp', 3, undefined, '[{"type":"url","name":"docs","url":"https://mcp.example.com"}]') })}
      ${field({
        id: 'pf-previous', label: t('form.parallel.followUp'),
        hint: ctx.followUpId ? html`<button type="button" class="link-button" @click=${() => ctx.update({ previousInteractionId: ctx.followUpId! }, 'previousInteractionId')}>${t('form.parallel.followUpSelected')}</button>` : undefined,
        control: html`<input id="pf-previous" type="text" autocomplete="off" .value=${live(draft.previousInteractionId)}
          aria-describedby=${describedBy('pf-previous', undefined, ctx.followUpId)} @input=${(e: Event) => ctx.update({ previousInteractionId: text(e) }, 'previousInteractionId')} />`,
      })}
      ${field({
        id: 'pf-location', label: t('form.parallel.location'), error: errors.location,
        control: html`<input id="pf-location" type="text" maxlength="2" placeholder="US" .value=${live(draft.location)}
          aria-invalid=${errors.location ? 'true' : 'false'} aria-describedby=${describedBy('pf-location', errors.location)}
          @input=${(e: Event) => ctx.update({ location: text(e) }, 'location')} />`,
      })}
    </details>
    ${renderSetValues('pf-advanced-set', advanced)}`;
}
