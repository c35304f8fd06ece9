import { create, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { arenaWelcome, playerRow } from "../games/arena/test-fixtures.js";
import { RecordingBlockSchema } from "../gen/tickstream/v1/recording_pb.js";
import { Role, ServerMessageSchema, type Snapshot } from "../gen/tickstream/v1/tickstream_pb.js";
import { encodeDelta, type Table } from "../test-support/delta-encoder.js";
import { Recording, RecordingError } from "./recording.js";
import { ReplayPlayer } from "./replay.js";

/** The world at `tick`: two players moving, a third from tick 15, the second gone from 25. */
function world(tick: number): Table {
  const t: Table = new Map();
  t.set(1, playerRow(100 + tick, 300));
  if (tick < 25) t.set(2, playerRow(400, 200 + 2 * tick));
  if (tick >= 15) t.set(3, playerRow(900 - tick, 900));
  return t;
}

/** zlib, as the server's Deflater writes it. */
async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const delimited = (parts: Uint8Array[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) {
    let n = p.length;
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n, ...p);
  }
  return new Uint8Array(out);
};

/** A recording of ticks 1..last, a keyframe every `every` ticks; `broken`: chunk 2 starts with a delta. */
async function recordingBytes(last = 40, every = 10, broken = false): Promise<Uint8Array> {
  const welcome = arenaWelcome(Role.SPECTATOR, 0);
  const blocks: Uint8Array[] = [toBinary(RecordingBlockSchema, create(RecordingBlockSchema, {
    block: { case: "header", value: { version: 1, id: "r1", game: "arena", roomId: "room", welcome, keyframeTicks: every } },
  }))];
  for (let first = 1; first <= last; first += every) {
    const frames: Uint8Array[] = [];
    const end = Math.min(last, first + every - 1);
    for (let tick = first; tick <= end; tick++) {
      const key = tick === first && !(broken && first === 1 + every);
      const snapshot: Snapshot = key ? encodeDelta(tick, 0, undefined, world(tick)) : encodeDelta(tick, tick - 1, world(tick - 1), world(tick));
      frames.push(toBinary(ServerMessageSchema, create(ServerMessageSchema, { msg: { case: "snapshot", value: snapshot } })));
    }
    blocks.push(toBinary(RecordingBlockSchema, create(RecordingBlockSchema, {
      block: { case: "chunk", value: { firstTick: first, lastTick: end, frames: frames.length, data: await deflate(delimited(frames)) } },
    })));
  }
  return delimited(blocks);
}

const xOf = (p: ReplayPlayer, tick: number, id: number) => p.mirror.stateAt(tick)?.entities.get(id)?.values[1];

describe("Recording and ReplayPlayer", () => {
  it("reads the header and the chunks, and finds the chunk for a tick", async () => {
    const rec = Recording.parse(await recordingBytes());
    expect(rec.header.game).toBe("arena");
    expect([rec.firstTick, rec.lastTick, rec.chunks.length]).toEqual([1, 40, 4]);
    expect([rec.chunkAt(0), rec.chunkAt(10), rec.chunkAt(11), rec.chunkAt(40)]).toEqual([0, 0, 1, 3]);
  });

  it("seeks anywhere: the state at the tick equals the recorded world", async () => {
    const player = new ReplayPlayer(Recording.parse(await recordingBytes()));
    for (const tick of [37, 3, 15, 25, 11, 40, 1, 24]) {
      await player.seek(tick);
      expect(player.tick).toBe(tick);
      const state = player.mirror.stateAt(tick)!;
      expect([...state.entities.keys()]).toEqual([...world(tick).keys()]);
      for (const [id, row] of world(tick)) expect(state.entities.get(id)!.values).toEqual(row.values);
    }
  });

  it("plays across chunk boundaries at 4x and stops at the end", async () => {
    const player = new ReplayPlayer(Recording.parse(await recordingBytes()));
    await player.seek(1);
    player.speed = 4;
    player.play();
    for (let i = 0; i < 200 && !player.paused; i++) {
      player.advance(50); // four ticks at 20 Hz, 4x
      await new Promise((r) => setTimeout(r, 0)); // the next chunk inflates
      const t = Math.floor(player.tick);
      expect(xOf(player, t, 1)).toBe((100 + t) * 2);
    }
    expect(player.tick).toBe(40);
    expect(() => (player.speed = 8)).toThrow(RangeError);
  });

  it("refuses a chunk that does not start with a keyframe, and a file that is no recording", async () => {
    const player = new ReplayPlayer(Recording.parse(await recordingBytes(40, 10, true)));
    await expect(player.seek(15)).rejects.toThrow(RecordingError);
    expect(() => Recording.parse(new Uint8Array([3, 1, 2, 3]))).toThrow();
  });

  it("reads a file cut short up to its last whole chunk", async () => {
    const bytes = await recordingBytes();
    const rec = Recording.parse(bytes.subarray(0, bytes.length - 5));
    expect(rec.lastTick).toBe(30);
  });
});
