// Encodes a game's inputs and messages and decodes its events, matching the game client's
// short names with the room's Welcome.schema (GameMessage.type and GameEvent.type are 1-based
// indexes into its lists). Built once per Welcome.

import { create, fromBinary, toBinary, type DescMessage, type Message, type MessageInitShape } from "@bufbuild/protobuf";
import type { GameEvent, GameSchema } from "../gen/tickstream/v1/tickstream_pb.js";
import type { AnyGameClient } from "./game.js";

/** A message name the game client, or the room's game, does not declare. */
export class UndeclaredMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UndeclaredMessageError";
  }
}

/** An event, decoded with the game's schema, or as bytes when it could not be. */
export interface DecodedEvent {
  /** The event's short name; "#<type>" when the room's schema does not name its type. */
  readonly name: string;
  readonly message: Message | Uint8Array;
  readonly tick: number;
  /** Why it stayed bytes (undefined when decoded, or when the game client simply does not know it). */
  readonly error?: Error;
}

export class GameCodec {
  private readonly messageTypes: ReadonlyMap<string, number>;
  private readonly eventNames: readonly string[];

  constructor(
    private readonly game: AnyGameClient,
    private readonly schema: Pick<GameSchema, "input" | "messages" | "events"> | undefined,
  ) {
    this.messageTypes = new Map((schema?.messages ?? []).map((t, i) => [t.name, i + 1]));
    this.eventNames = (schema?.events ?? []).map((t) => t.name);
  }

  /**
   * Where the game client and the room's schema disagree on a type (its full protobuf name):
   * such messages would not decode on the other side. Names only one side knows are fine.
   */
  mismatches(): string[] {
    const out: string[] = [];
    const check = (what: string, ours: DescMessage | undefined, theirs: string) => {
      if (ours && theirs && ours.typeName !== theirs) out.push(`${what} is ${theirs} in the room, ${ours.typeName} here`);
    };
    check("the input", this.game.input, this.schema?.input ?? "");
    for (const t of this.schema?.messages ?? []) check(`message "${t.name}"`, this.game.messages?.[t.name], t.type);
    for (const t of this.schema?.events ?? []) check(`event "${t.name}"`, this.game.events?.[t.name], t.type);
    return out;
  }

  /** The input as sent (sanitized) and its bytes for Input.data; empty when the game takes none. */
  encodeInput(init: unknown): { value: Message | undefined; data: Uint8Array } {
    const schema = this.game.input;
    if (!schema) return { value: undefined, data: new Uint8Array(0) };
    let value = create(schema, init as MessageInitShape<typeof schema>);
    if (this.game.sanitizeInput) value = this.game.sanitizeInput(value);
    return { value, data: toBinary(schema, value) };
  }

  /**
   * GameMessage fields for client message `name`. Throws UndeclaredMessageError when the game
   * client does not declare it, or (once welcomed) the room's game does not.
   */
  encodeMessage(name: string, init: unknown, welcomed: boolean): { type: number; data: Uint8Array } {
    const schema = checkMessage(this.game, name);
    const type = this.messageTypes.get(name);
    if (type === undefined && welcomed) {
      const known = [...this.messageTypes.keys()].join(", ") || "none";
      throw new UndeclaredMessageError(`the room's game does not take message "${name}" (it takes: ${known})`);
    }
    return { type: type ?? 0, data: toBinary(schema, create(schema, init as MessageInitShape<typeof schema>)) };
  }

  /** Decodes one event; never throws (an unknown or undecodable one comes back as bytes). */
  decodeEvent(event: GameEvent): DecodedEvent {
    const name = this.eventNames[event.type - 1] ?? `#${event.type}`;
    const schema = Object.hasOwn(this.game.events ?? {}, name) ? this.game.events?.[name] : undefined;
    if (!schema) return { name, message: event.data, tick: event.tick };
    try {
      return { name, message: fromBinary(schema, event.data), tick: event.tick };
    } catch (e) {
      const error = new Error(`event "${name}" at tick ${event.tick} does not decode as ${schema.typeName}: ${(e as Error).message}`);
      return { name, message: event.data, tick: event.tick, error };
    }
  }
}

/** The schema of client message `name`, or UndeclaredMessageError. */
export function checkMessage(game: AnyGameClient, name: string): DescMessage {
  const schema = Object.hasOwn(game.messages ?? {}, name) ? game.messages?.[name] : undefined;
  if (!schema) {
    const known = Object.keys(game.messages ?? {}).join(", ") || "none";
    throw new UndeclaredMessageError(`game "${game.name}" declares no message "${name}" (it declares: ${known})`);
  }
  return schema;
}
