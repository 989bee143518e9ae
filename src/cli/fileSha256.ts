import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cannotRead } from './readCliFile';

/** SHA-256 of a file's bytes (hex), read as a stream; a CliError naming the file when it cannot be read. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (e) {
    throw cannotRead(file, e);
  }
  return hash.digest('hex');
}
