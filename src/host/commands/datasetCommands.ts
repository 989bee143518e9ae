import { COMMANDS } from '../commandIds';
import type { ArchetypeLibraryTree } from '../archetypes/archetypeLibraryTree';
import { DatasetGeneratorPanel } from '../panels/datasetGeneratorPanel';
import { parseArchetype } from '../../engines/clusters/validateArchetype';
import type { Views } from '../views';
import type { HostCommand } from './hostCommand';

/** Commands of the Dataset Generator and the Archetype Library. */
export function datasetCommands(views: Views, library: ArchetypeLibraryTree): HostCommand[] {
  return [
    {
      id: COMMANDS.openDatasetGenerator,
      execute: () => void views.datasetGenerator.show({ archetype: null, seed: 1 }),
    },
    {
      id: COMMANDS.openArchetype,
      execute(arg) {
        const r = parseArchetype(arg);
        if (!r.ok) throw new Error(`not an archetype: ${r.errors.join('; ')}`);
        const state = { archetype: r.archetype, seed: 1 };
        const handle = views.datasetGenerator.show(state);
        if (handle instanceof DatasetGeneratorPanel) handle.load(state);
      },
    },
    { id: COMMANDS.refreshArchetypes, execute: () => library.refresh() },
  ];
}
