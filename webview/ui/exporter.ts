import type { ExportFileParams } from '../../src/protocol/messages';
import { toCsv, type CsvValue } from './csv';
import { baseName } from './fileNames';

/** Sends a file to the host to save (every protocol has the `exportFile` request). */
export type ExportFn = (params: ExportFileParams) => Promise<{ savedTo: string | null }>;

/** A table of the data behind a chart or grid, for CSV export. */
export interface DataTable {
  header: string[];
  rows: CsvValue[][];
}

export function exportCsv(exportFile: ExportFn, stem: string, table: DataTable): Promise<{ savedTo: string | null }> {
  return exportFile({ format: 'csv', suggestedName: `${stem}.csv`, data: toCsv(table.header, table.rows) });
}

export function exportPng(
  exportFile: ExportFn,
  stem: string,
  canvas: HTMLCanvasElement,
): Promise<{ savedTo: string | null }> {
  const url = canvas.toDataURL('image/png');
  return exportFile({ format: 'png', suggestedName: `${stem}.png`, data: url.slice(url.indexOf(',') + 1) });
}

/** Runs an export from a button: disables it meanwhile, shows failures next to it. */
export async function runExport(
  button: HTMLElement,
  status: HTMLElement,
  run: () => Promise<{ savedTo: string | null }>,
): Promise<void> {
  button.setAttribute('disabled', '');
  status.textContent = '';
  try {
    const { savedTo } = await run();
    status.textContent = savedTo ? `Saved ${baseName(savedTo)}` : '';
  } catch (err) {
    status.textContent = `Export failed: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    button.removeAttribute('disabled');
  }
}
