/**
 * Fills the demo's "Mock scenario" menu from the mock's own catalogue: every scenario, grouped by
 * the provider it changes, each option reading "name — what the server does", and the chosen
 * scenario's description shown under the menu.
 */
import { SCENARIO_CATALOG, type ScenarioProvider } from '../server/mock/scenario-catalog.ts';

const GROUPS: ReadonlyArray<[ScenarioProvider, string]> = [
  ['both', 'Both providers'],
  ['parallel', 'Parallel only'],
  ['shannon', 'Shannon only'],
];

/** Replaces the options of `select` with the whole catalogue and keeps `describe` in step. */
export function fillScenarioMenu(select: HTMLSelectElement, describe: HTMLElement): void {
  const groups = GROUPS.map(([provider, label]) => {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const scenario of SCENARIO_CATALOG.filter((s) => s.provider === provider)) {
      const option = document.createElement('option');
      option.value = scenario.name;
      option.textContent = `${scenario.name} — ${scenario.description}`;
      option.title = scenario.description;
      group.append(option);
    }
    return group;
  });
  const current = select.value || 'happy';
  select.replaceChildren(...groups);
  select.value = current;
  const update = (): void => {
    describe.textContent = SCENARIO_CATALOG.find((s) => s.name === select.value)?.description ?? '';
  };
  select.addEventListener('change', update);
  update();
}
