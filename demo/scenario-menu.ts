/**
 * Fills the demo's "Mock scenario" menu from the mock's own catalogue: every scenario, grouped by
 * the provider it changes, each option reading "name — what the server does", and the chosen
 * scenario's description shown under the menu.
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
    option.textContent = `${scenario.name} — ${scenario.description}`;
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
