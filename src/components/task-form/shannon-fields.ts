/**
 * The Shannon half of `<task-form>`: query, session, mode, model tier, model and provider
 * override, research strategy and a context object.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SHANNON_MODES, SHANNON_STRATEGIES, SHANNON_TIERS, type ShannonDraft, type ShannonField } from '../../core/validation/shannon-draft.js';
import { countJson, renderSetValues, shortValue, type SetValue } from './advanced-summary.js';
import { describedBy, field } from './form-controls.js';

export interface ShannonFieldsContext {
  draft: ShannonDraft;
  errors: Partial<Record<ShannonField, string>>;
  update(patch: Partial<ShannonDraft>, touched: ShannonField): void;
}

const value = (e: Event) => (e.target as HTMLInputElement).value;

function input(ctx: ShannonFieldsContext, name: ShannonField, label: string, placeholder = '', hint?: string): TemplateResult {
  const id = `sf-${name}`;
  const error = ctx.errors[name];
  return field({
    id, label, error, hint,
    control: html`<input id=${id} type="text" autocomplete="off" placeholder=${placeholder} .value=${live(ctx.draft[name])}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy(id, error, hint)}
      @input=${(e: Event) => ctx.update({ [name]: value(e) } as Partial<ShannonDraft>, name)} />`,
  });
}

function select(ctx: ShannonFieldsContext, name: 'mode' | 'modelTier' | 'researchStrategy', label: string, options: readonly string[]): TemplateResult {
  const id = `sf-${name}`;
  return field({
    id, label,
    control: html`<select id=${id} @change=${(e: Event) => ctx.update({ [name]: value(e) } as Partial<ShannonDraft>, name)}>
      <option value="" ?selected=${ctx.draft[name] === ''}>Default</option>
      ${options.map((o) => html`<option value=${o} ?selected=${ctx.draft[name] === o}>${o}</option>`)}
    </select>`,
  });
}

/** What is set in the collapsed "Session, model override and context" section. */
function advancedValues(ctx: ShannonFieldsContext): SetValue[] {
  const { draft } = ctx;
  const values: SetValue[] = [];
  if (draft.sessionId.trim()) values.push({ label: 'Continues session', value: shortValue(draft.sessionId), onClear: () => ctx.update({ sessionId: '' }, 'sessionId') });
  if (draft.modelOverride.trim()) values.push({ label: 'Model', value: shortValue(draft.modelOverride) });
  if (draft.providerOverride.trim()) values.push({ label: 'Provider', value: shortValue(draft.providerOverride) });
  if (draft.context.trim()) values.push({ label: 'Context', value: countJson(draft.context, 'key', 'keys') });
  return values;
}

export function renderShannonFields(ctx: ShannonFieldsContext): TemplateResult {
  const { errors } = ctx;
  const advanced = advancedValues(ctx);
  return html`
    ${field({
      id: 'sf-query', label: 'Query', error: errors.query, hint: 'What should the agents research or answer?',
      control: html`<textarea id="sf-query" class="prose" rows="4" required .value=${live(ctx.draft.query)} aria-invalid=${errors.query ? 'true' : 'false'}
        aria-describedby=${describedBy('sf-query', errors.query, true)} @input=${(e: Event) => ctx.update({ query: value(e) }, 'query')}></textarea>`,
    })}
    <div class="row">
      ${select(ctx, 'mode', 'Mode', SHANNON_MODES)}
      ${select(ctx, 'researchStrategy', 'Research strategy', SHANNON_STRATEGIES)}
      ${select(ctx, 'modelTier', 'Model tier', SHANNON_TIERS)}
    </div>
    <details class="group" id="sf-advanced">
      <summary aria-describedby=${advanced.length ? 'sf-advanced-set' : nothing}>Session, model override and context</summary>
      ${input(ctx, 'sessionId', 'Session id', 'new session if empty')}
      <div class="row">
        ${input(ctx, 'modelOverride', 'Model override', 'e.g. gpt-5-mini')}
        ${input(ctx, 'providerOverride', 'Provider override', 'e.g. openai')}
      </div>
      ${field({
        id: 'sf-context', label: 'Context (JSON object)', error: errors.context,
        control: html`<textarea id="sf-context" class="code" rows="3" spellcheck="false" placeholder='{"force_research": true}' .value=${live(ctx.draft.context)}
          aria-invalid=${errors.context ? 'true' : 'false'} aria-describedby=${describedBy('sf-context', errors.context)}
          @input=${(e: Event) => ctx.update({ context: value(e) }, 'context')}></textarea>`,
      })}
    </details>
    ${renderSetValues('sf-advanced-set', advanced)}`;
}
