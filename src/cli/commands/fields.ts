import { sliceFields } from '../../engines/slices/sliceFields';
import { loadLogs } from '../loadLogs';
import { formatTable } from '../format';
import type { CliCommand } from '../command';

/** Values listed per field in the text output before "... N more". */
const SHOWN = 30;

export const fieldsCommand: CliCommand = {
  name: 'fields',
  usage: 'fields <log...> [--where field=value] [--json]',
  help: "The text fields of the log that --where and summary --by slice by (task, split, task_type, signal, model and the log's own labels), with each value and its number of records.",
  readsLogs: true,
  options: {},
  async run({ positionals, values, json, signal, report }) {
    const logs = await loadLogs(positionals, values, report, { signal });
    const fields = sliceFields(logs.records);
    if (json) return { fields };
    const rows = fields.flatMap((f) => [
      ...f.values.slice(0, SHOWN).map((v, i) => [i === 0 ? f.field : '', v.value, String(v.records)]),
      ...(f.values.length > SHOWN ? [['', `... ${f.values.length - SHOWN} more (--json lists them all)`, '']] : []),
    ]);
    return [
      `${logs.records.length} records; fields to slice by:`,
      formatTable(['field', 'value', 'records'], rows),
    ].join('\n');
  },
};
