/**
 * Fills the demo's "Mock scenario" menu from the mock's own catalogue: every scenario, in provider
 * order, each with its one-line description (the option's tooltip, and shown under the menu for the
 * chosen one). Option texts stay short so the menu fits a phone screen.
 */
import { SCENARIO_CATALOG, type ScenarioProvider } from '../server/mock/scenario-catalog.ts';

// Provider order; no <optgroup>: its label would be a second element labelled "Parallel"/"Shannon"
// next to the provider radios (the e2e suite finds those by label).
const ORDER: readonly ScenarioProvider[] = ['both', 'parallel', 'shannon'];

/** Replaces the options of `select` with the whole catalogue and keeps `describe` in step. */
export function fillScenarioMenu(select: HTMLSelectElement, describe: HTMLElement): void {
  const options = ORDER.flatMap((provider) => SCENARIO_CATALOG.filter((s) => s.provider === provider)).map((scenario) => {
    const option = document.createElement('option');
    option.value = scenario.name;
    option.textContent = scenario.provider === 'both' ? scenario.name : `${scenario.name} (${scenario.provider} only)`;
    option.title = scenario.description;
    return option;
  });
  const current = select.value || 'happy';
  select.replaceChildren(...options);
  select.value = current;
  const update = (): void => {
    describe.textContent = SCENARIO_CATALOG.find((s) => s.name === select.value)?.description ?? '';
  };
  select.addEventListener('change', update);
  update();
}
