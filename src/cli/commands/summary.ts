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
  async run({ positionals, values, json, signal, report }) {
    const logs = await loadLogs(positionals, values, report, { signal });
    const split = values.split as string | undefined;
    const models = summarizeModels(logs.records, split);
    const extra = summarizeExtraFields(logs.records, split);
    // "extra_fields" only when the log has other numeric or true/false fields; main adds "warnings" and "skipped".
    if (json) return extra.length ? { models, adapter: logs.adapter, extra_fields: extra } : { models, adapter: logs.adapter };
    const rows = models.map((m) => [m.model, String(m.n), fmt(m.accuracy, 3), fmt(m.mean_cost_usd, 6, 'e'), m.cost_source, fmt(m.mean_latency_s, 3), fmt(m.mean_output_tokens, 1), fmt(m.mean_reasoning_tokens, 1), fmt(m.share_conf_0, 3), fmt(m.share_conf_1, 3)]);
    const lines = [
      `${logs.records.length} records from ${positionals.length} file(s), adapter ${logs.adapter}${split !== undefined ? `, split "${split}"` : ''}`,
      formatTable(['model', 'n', 'accuracy', 'cost $/query', 'cost from', 'latency s', 'out tokens', 'reasoning', 'conf=0', 'conf=1'], rows),
    ];
    if (models.length === 0) lines.push(`no records in split "${split}"`);
    if (extra.length) lines.push('other fields (mean; share of true for true/false):', formatTable(['model', 'field', 'kind', 'mean', 'n'], extra.map((e) => [e.model, e.field, e.kind, fmt(e.mean, 4), String(e.n)])));
    return lines.join('\n');
  },
};
