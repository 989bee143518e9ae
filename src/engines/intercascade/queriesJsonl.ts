import { parseJsonlRecords, textField, type JsonlRecords } from './jsonlRecords';

/** One query of an Inter-Cascade run; `gold` (the reference answer) is optional. */
export interface CascadeQuery {
  queryId: string;
  question: string;
  gold: string | null;
}

/**
 * Reads the query stream: one JSON object per line with `query_id` (string or number), `question`
 * and optionally `answer` (the gold answer, string or number). Other fields are ignored; a repeated
 * query_id is an error on the later line.
 */
export function parseQueriesJsonl(text: string): JsonlRecords<CascadeQuery> {
  const seen = new Set<string>();
  return parseJsonlRecords(text, (o) => {
    const queryId = textField(o, 'query_id');
    if (seen.has(queryId)) throw new Error(`query_id "${queryId}" repeats an earlier line`);
    seen.add(queryId);
    return { queryId, question: textField(o, 'question'), gold: textField(o, 'answer', { optional: true }) };
  });
}
