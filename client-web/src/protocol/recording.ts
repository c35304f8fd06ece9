// A match recording (GET /api/replays/<id>; format: proto/tickstream/v1/recording.proto), read
// in the browser: the header (with the spectator's Welcome), the chunks by tick, and each
// chunk's frames once inflated. Game-neutral, no DOM: a ReplayPlayer plays it.

import { fromBinary } from "@bufbuild/protobuf";
import { RecordingBlockSchema, type RecordingEnd, type RecordingHeader } from "../gen/tickstream/v1/recording_pb.js";
import { ServerMessageSchema, type Snapshot, type Welcome } from "../gen/tickstream/v1/tickstream_pb.js";

/** One keyframe stretch: its ticks, and its frames zlib-compressed. */
export interface RecordingChunkRef {
  readonly firstTick: number;
  readonly lastTick: number;
  readonly frames: number;
  readonly data: Uint8Array;
}

/** Inflates zlib (RFC 1950) bytes. */
export type Inflate = (data: Uint8Array) => Promise<Uint8Array>;

/** The browser's (and Node's) DecompressionStream("deflate"), which is zlib. */
export const inflateZlib: Inflate = async (data) => {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

/** A recording that cannot be read (not one, a later version, a chunk out of order or broken). */
export class RecordingError extends Error {}

export class Recording {
  private readonly inflated = new Map<number, Promise<Snapshot[]>>();

  private constructor(
    readonly header: RecordingHeader,
    readonly end: RecordingEnd | undefined,
    readonly chunks: readonly RecordingChunkRef[],
    private readonly inflate: Inflate,
  ) {}

  /**
   * Reads a recording's blocks (not its chunks' contents: those are inflated when played). A
   * file cut short (still being written, or its node died) is read up to its last whole block.
   */
  static parse(bytes: Uint8Array, inflate: Inflate = inflateZlib): Recording {
    let header: RecordingHeader | undefined;
    let end: RecordingEnd | undefined;
    const chunks: RecordingChunkRef[] = [];
    let p = 0;
    while (p < bytes.length) {
      const [length, at] = varint(bytes, p);
      if (at < 0 || at + length > bytes.length) break; // cut short
      const block = fromBinary(RecordingBlockSchema, bytes.subarray(at, at + length));
      p = at + length;
      if (block.block.case === "header") header = block.block.value;
      else if (block.block.case === "end") end = block.block.value;
      else if (block.block.case === "chunk") {
        const c = block.block.value;
        const last = chunks.at(-1);
        if (!header || (last && c.firstTick <= last.lastTick)) throw new RecordingError(`chunk out of order at tick ${c.firstTick}`);
        chunks.push({ firstTick: c.firstTick, lastTick: c.lastTick, frames: c.frames, data: c.data });
      }
    }
    if (!header || header.version !== 1 || !header.welcome) throw new RecordingError("not a version 1 Tickstream recording");
    return new Recording(header, end, chunks, inflate);
  }

  /** The Welcome a spectator of the room got: rates, map, schema, constants. */
  get welcome(): Welcome {
    return this.header.welcome!;
  }

  get firstTick(): number {
    return this.chunks[0]?.firstTick ?? 0;
  }

  get lastTick(): number {
    return this.chunks.at(-1)?.lastTick ?? 0;
  }

  /** Index of the chunk to start from for `tick`: the last one starting at or before it (0 before the first). */
  chunkAt(tick: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.chunks[mid].firstTick <= tick) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Chunk `index`'s frames, in tick order, the first complete; inflated once and kept. */
  frames(index: number): Promise<Snapshot[]> {
    let known = this.inflated.get(index);
    if (!known) {
      known = this.decode(index);
      this.inflated.set(index, known);
      known.catch(() => this.inflated.delete(index));
    }
    return known;
  }

  private async decode(index: number): Promise<Snapshot[]> {
    const chunk = this.chunks[index];
    if (!chunk) throw new RecordingError(`no chunk ${index}`);
    const raw = await this.inflate(chunk.data);
    const frames: Snapshot[] = [];
    let p = 0;
    while (p < raw.length) {
      const [length, at] = varint(raw, p);
      if (at < 0 || at + length > raw.length) throw new RecordingError(`chunk at tick ${chunk.firstTick} is cut short`);
      const m = fromBinary(ServerMessageSchema, raw.subarray(at, at + length));
      if (m.msg.case !== "snapshot") throw new RecordingError("a recording frame that is not a snapshot");
      frames.push(m.msg.value);
      p = at + length;
    }
    if (frames.length === 0 || frames[0].baseTick !== 0) throw new RecordingError(`chunk at tick ${chunk.firstTick} does not start complete`);
    return frames;
  }
}

/** [value, position after it]; position -1 when the bytes end inside it. */
function varint(bytes: Uint8Array, p: number): [number, number] {
  let v = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (p >= bytes.length) return [0, -1];
    const b = bytes[p++];
    v += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [v, p];
  }
  throw new RecordingError("malformed length");
}
