import { Transform, type TransformCallback } from 'node:stream';

/** The file is not UTF-8: where the first offending byte is, in the file's lines. */
export class NotUtf8Error extends Error {
  override name = 'NotUtf8Error';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bytes a UTF-8 sequence starting with `lead` has, or 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Second bytes allowed after the leads that restrict them (no overlongs, no surrogates). */
function secondByteOk(lead: number, byte: number): boolean {
  if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
  if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
  if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
  if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  return byte >= 0x80 && byte <= 0xbf;
}

/**
 * Passes a file's bytes through unchanged while checking they are UTF-8 (with or without a
 * BOM), so the importer refuses a Latin-1 or UTF-16 export with the line of the first bad byte
 * instead of importing mangled names. Streaming: memory stays one chunk, whatever the file size;
 * a sequence cut between two chunks is carried over.
 */
export class Utf8Check extends Transform {
  private line = 1;
  private carry = Buffer.alloc(0);
  private first = true;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.first) {
      this.first = false;
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        done(
          new NotUtf8Error(
            1,
            'the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8',
          ),
        );
        return;
      }
    }
    let i = 0;
    while (i < bytes.length) {
      const lead = bytes[i];
      if (lead === 0x0a) this.line += 1;
      const length = sequenceLength(lead);
      if (length === 0) {
        done(this.invalid(lead));
        return;
      }
      if (i + length > bytes.length) break; // the rest comes with the next chunk
      for (let k = 1; k < length; k++) {
        const byte = bytes[i + k];
        if (k === 1 ? !secondByteOk(lead, byte) : byte < 0x80 || byte > 0xbf) {
          done(this.invalid(lead));
          return;
        }
      }
      i += length;
    }
    this.carry = Buffer.from(bytes.subarray(i));
    done(null, bytes.subarray(0, i));
  }

  override _flush(done: TransformCallback): void {
    if (this.carry.length > 0) done(this.invalid(this.carry[0]));
    else done();
  }

  private invalid(byte: number): NotUtf8Error {
    const hex = byte.toString(16).toUpperCase().padStart(2, '0');
    return new NotUtf8Error(
      this.line,
      `line ${this.line} is not UTF-8 (byte 0x${hex}; Latin-1 or Windows-1252 text?): save the file as UTF-8`,
    );
  }
}
