/**
 * The Shannon half of `<task-form>`: query, session, mode, model tier, model and provider
 * override, research strategy and a context object.
 */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SHANNON_MODES, SHANNON_STRATEGIES, SHANNON_TIERS, type ShannonDraft, type ShannonField } from '../../core/validation/shannon-draft.js';
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

export function renderShannonFields(ctx: ShannonFieldsContext): TemplateResult {
  const { errors } = ctx;
  return html`
    ${field({
      id: 'sf-query', label: 'Query', error: errors.query, hint: 'What should the agents research or answer?',
      control: html`<textarea id="sf-query" rows="4" required .value=${live(ctx.draft.query)} aria-invalid=${errors.query ? 'true' : 'false'}
        aria-describedby=${describedBy('sf-query', errors.query, true)} @input=${(e: Event) => ctx.update({ query: value(e) }, 'query')}></textarea>`,
    })}
    <div class="row">
      ${select(ctx, 'mode', 'Mode', SHANNON_MODES)}
      ${select(ctx, 'researchStrategy', 'Research strategy', SHANNON_STRATEGIES)}
      ${select(ctx, 'modelTier', 'Model tier', SHANNON_TIERS)}
    </div>
    <details class="group">
      <summary>Session, model override and context</summary>
      ${input(ctx, 'sessionId', 'Session id', 'new session if empty')}
      <div class="row">
        ${input(ctx, 'modelOverride', 'Model override', 'e.g. gpt-5-mini')}
        ${input(ctx, 'providerOverride', 'Provider override', 'e.g. openai')}
      </div>
      ${field({
        id: 'sf-context', label: 'Context (JSON object)', error: errors.context,
        control: html`<textarea id="sf-context" rows="3" spellcheck="false" placeholder='{"force_research": true}' .value=${live(ctx.draft.context)}
          aria-invalid=${errors.context ? 'true' : 'false'} aria-describedby=${describedBy('sf-context', errors.context)}
          @input=${(e: Event) => ctx.update({ context: value(e) }, 'context')}></textarea>`,
      })}
    </details>`;
}
