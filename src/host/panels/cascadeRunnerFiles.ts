/**
 * The files of a Cascade Runner form, checked before a run: the queries file must be readable and
 * the repository file writable, each inside a workspace folder (symlinks followed) or picked by
 * the user with Browse or from the explorer. Relative paths start at the first workspace folder.
 */
import type { CascadeRunForm } from '../../protocol/cascadeRunner';
import type { FileAccess } from '../fs/fileAccess';

/** The form with real paths, or throws why a file is refused (the view shows the message). */
export async function checkRunFiles(form: CascadeRunForm, files: FileAccess): Promise<CascadeRunForm> {
  const queries = await files.check(form.queriesFile, 'read');
  if (!queries.ok) throw new Error(`Queries file refused: ${queries.reason}`);
  if (form.repositoryFile === null) return { ...form, queriesFile: queries.path };
  const repository = await files.check(form.repositoryFile, 'write');
  if (!repository.ok) throw new Error(`Repository file refused: ${repository.reason}`);
  if (repository.path === queries.path) throw new Error('The repository file must not be the queries file');
  return { ...form, queriesFile: queries.path, repositoryFile: repository.path };
}
