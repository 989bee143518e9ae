import { summarizeModels } from '../../engines/logs/summarizeModels';
import { loadLogs } from '../loadLogs';
import { summarizeExtraFields } from '../../engines/logs/summarizeExtraFields';
import { formatTable, fmt } from '../format';
import type { CliCommand } from '../command';

export const summaryCommand: CliCommand = {
  name: 'summary',
  usage: 'summary <log...> [--split S] [--prices prices.json] [--json]',
  help: 'Per model: n, accuracy, mean cost, latency and output tokens, share of confidences at 0 and 1; skipped lines with reasons.',
  readsLogs: true,
  options: { split: { type: 'string' } },
  async run({ positionals, values, json }) {
    const logs = await loadLogs(positionals, values);
    const split = values.split as string | undefined;
    const models = summarizeModels(logs.records, split);
    const skipped = logs.skipped.map((s) => ({ file: s.file, line: s.line, reason: s.reason }));
    const extra = summarizeExtraFields(logs.records, split);
    // The issue's three keys; "extra_fields" only when the log has other numeric or true/false fields.
    if (json) return extra.length ? { models, skipped, adapter: logs.adapter, extra_fields: extra } : { models, skipped, adapter: logs.adapter };
    const rows = models.map((m) => [m.model, String(m.n), fmt(m.accuracy, 3), fmt(m.mean_cost_usd, 6, 'e'), fmt(m.mean_latency_s, 3), fmt(m.mean_output_tokens, 1), fmt(m.share_conf_0, 3), fmt(m.share_conf_1, 3)]);
    const lines = [
      `${logs.records.length} records from ${positionals.length} file(s), adapter ${logs.adapter}${split !== undefined ? `, split "${split}"` : ''}`,
      formatTable(['model', 'n', 'accuracy', 'cost $/query', 'latency s', 'out tokens', 'conf=0', 'conf=1'], rows),
    ];
    if (models.length === 0) lines.push(`no records in split "${split}"`);
    if (extra.length) lines.push('other fields (mean; share of true for true/false):', formatTable(['model', 'field', 'kind', 'mean', 'n'], extra.map((e) => [e.model, e.field, e.kind, fmt(e.mean, 4), String(e.n)])));
    if (skipped.length) lines.push(`${skipped.length} line(s) skipped:`, ...skipped.map((s) => `  ${s.file}:${s.line ?? '-'}: ${s.reason}`));
    for (const w of logs.warnings) lines.push(`warning: ${w.file}${w.line ? `:${w.line}` : ''}: ${w.reason}`);
    return lines.join('\n');
  },
};
