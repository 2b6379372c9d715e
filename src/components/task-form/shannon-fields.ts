/**
 * The Shannon half of `<task-form>`: query, session, mode, model tier, model and provider
 * override, research strategy and a context object.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SHANNON_MODES, SHANNON_STRATEGIES, SHANNON_TIERS, type ShannonDraft, type ShannonField } from '../../core/validation/shannon-draft.js';
import { countJson, renderSetValues, shortValue, type SetValue } from './advanced-summary.js';
import { describedBy, field } from './form-controls.js';
import { t } from './strings.js';
import type { StringKey } from '../shared/i18n/catalog.js';

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

/** The words of each choice of the three selects (`mode`, `modelTier`, `researchStrategy`). */
const CHOICE = (name: 'mode' | 'modelTier' | 'researchStrategy', value: string) => `form.shannon.${name}.${value}` as StringKey;

function select(ctx: ShannonFieldsContext, name: 'mode' | 'modelTier' | 'researchStrategy', label: string, options: readonly string[]): TemplateResult {
  const id = `sf-${name}`;
  return field({
    id, label,
    control: html`<select id=${id} @change=${(e: Event) => ctx.update({ [name]: value(e) } as Partial<ShannonDraft>, name)}>
      <option value="" ?selected=${ctx.draft[name] === ''}>${t('form.shannon.default')}</option>
      ${options.map((o) => html`<option value=${o} ?selected=${ctx.draft[name] === o}>${t(CHOICE(name, o) as 'form.shannon.default')}</option>`)}
    </select>`,
  });
}

/** What is set in the collapsed "Session, model override and context" section. */
function advancedValues(ctx: ShannonFieldsContext): SetValue[] {
  const { draft } = ctx;
  const values: SetValue[] = [];
  if (draft.sessionId.trim()) values.push({ label: t('form.shannon.set.session'), value: shortValue(draft.sessionId), onClear: () => ctx.update({ sessionId: '' }, 'sessionId') });
  if (draft.modelOverride.trim()) values.push({ label: t('form.shannon.set.model'), value: shortValue(draft.modelOverride) });
  if (draft.providerOverride.trim()) values.push({ label: t('form.shannon.set.provider'), value: shortValue(draft.providerOverride) });
  if (draft.context.trim()) values.push({ label: t('form.shannon.set.context'), value: countJson(draft.context, 'form.set.keys') });
  return values;
}

export function renderShannonFields(ctx: ShannonFieldsContext): TemplateResult {
  const { errors } = ctx;
  const advanced = advancedValues(ctx);
  return html`
    ${field({
      id: 'sf-query', label: t('form.shannon.query'), error: errors.query, hint: t('form.shannon.queryHint'),
      control: html`<textarea id="sf-query" class="prose" rows="4" required .value=${live(ctx.draft.query)} aria-invalid=${errors.query ? 'true' : 'false'}
        aria-describedby=${describedBy('sf-query', errors.query, true)} @input=${(e: Event) => ctx.update({ query: value(e) }, 'query')}></textarea>`,
    })}
    <div class="row">
      ${select(ctx, 'mode', t('form.shannon.mode'), SHANNON_MODES)}
      ${select(ctx, 'researchStrategy', t('form.shannon.researchStrategy'), SHANNON_STRATEGIES)}
      ${select(ctx, 'modelTier', t('form.shannon.modelTier'), SHANNON_TIERS)}
    </div>
    <details class="group" id="sf-advanced">
      <summary aria-describedby=${advanced.length ? 'sf-advanced-set' : nothing}>${t('form.shannon.advanced')}</summary>
      ${input(ctx, 'sessionId', t('form.shannon.sessionId'), t('form.shannon.sessionIdPlaceholder'))}
      <div class="row">
        ${input(ctx, 'modelOverride', t('form.shannon.modelOverride'), t('form.shannon.example', { example: 'gpt-5-mini' }))}
        ${input(ctx, 'providerOverride', t('form.shannon.providerOverride'), t('form.shannon.example', { example: 'openai' }))}
      </div>
      ${field({
        id: 'sf-context', label: t('form.shannon.context'), error: errors.context,
        control: html`<textarea id="sf-context" class="code" rows="3" spellcheck="false" placeholder='{"force_research": true}' .value=${live(ctx.draft.context)}
          aria-invalid=${errors.context ? 'true' : 'false'} aria-describedby=${describedBy('sf-context', errors.context)}
          @input=${(e: Event) => ctx.update({ context: value(e) }, 'context')}></textarea>`,
      })}
    </details>
    ${renderSetValues('sf-advanced-set', advanced)}`;
}
