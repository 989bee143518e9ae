import { LlmError } from './llmError';
import { endpointUrl, postOpenAi, type RequestOptions } from './openAiRequest';
import { checkUsage, utf8Bytes } from './tokenUsage';

export interface EmbeddingOptions extends RequestOptions {
  /** Base URL, e.g. https://api.openai.com/v1 (a full …/embeddings URL is accepted too). */
  endpoint: string;
  model: string;
  input: readonly string[];
  /** Told the reply's `usage.prompt_tokens` (checked like a chat call's; null when not reported). */
  onUsage?: (promptTokens: number | null) => void;
}

/**
 * Embeds texts with an OpenAI-compatible `POST {base}/embeddings` (one request for all of them) and
 * returns one vector per text, in input order (the reply's `index` fields are honoured). A reply
 * whose vectors are missing, of mixed lengths or not finite numbers is an LlmError of kind 'reply';
 * implausible token counts are one of kind 'usage'.
 */
export async function embedTexts(opts: EmbeddingOptions): Promise<Float64Array[]> {
  if (opts.input.length === 0) return [];
  const url = endpointUrl(opts.endpoint, 'embeddings');
  const json = (await postOpenAi(url, { model: opts.model, input: opts.input }, opts)) as {
    data?: unknown;
    usage?: unknown;
  } | null;
  const usage = checkUsage(
    typeof json === 'object' && json !== null ? json.usage : undefined,
    { promptBytes: opts.input.reduce((n, t) => n + utf8Bytes(t), 0), promptParts: opts.input.length },
    `embedding model ${opts.model}`,
  );
  opts.onUsage?.(usage.inputTokens ?? null);
  const data = Array.isArray(json?.data) ? (json.data as { embedding?: unknown; index?: unknown }[]) : null;
  if (!data || data.length !== opts.input.length)
    throw new LlmError(
      `${url} returned ${data ? data.length : 'no'} embedding(s) for ${opts.input.length} text(s) (expected data[].embedding)`,
      'reply',
    );
  const out: Float64Array[] = new Array(data.length);
  data.forEach((d, i) => {
    const at =
      typeof d?.index === 'number' && Number.isInteger(d.index) && d.index >= 0 && d.index < data.length ? d.index : i;
    const v = d?.embedding;
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
      throw new LlmError(`${url}: data[${i}].embedding is not a list of numbers`, 'reply');
    out[at] = Float64Array.from(v as number[]);
  });
  const dim = out[0]?.length;
  if (out.some((v) => v === undefined || v.length !== dim))
    throw new LlmError(`${url} returned embeddings of different lengths or repeated indices`, 'reply');
  return out;
}
