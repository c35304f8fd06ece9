// A scripted stand-in for a browser WebSocket, for tests of Session's protocol logic: the test
// plays the server (open, send ServerMessages, close) and reads what the client sent.

import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { ClientMessageSchema, ServerMessageSchema, type ClientMessage } from "../gen/tickstream/v1/tickstream_pb.js";

export class FakeSocket {
  readyState = 0;
  binaryType = "blob";
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;
  readonly sent: ClientMessage[] = [];

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}

  send(data: Uint8Array): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    this.sent.push(fromBinary(ClientMessageSchema, data));
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState >= 2) return;
    this.serverClose(this.readyState === 0 ? 1006 : code, reason);
  }

  // --- the server's side ---

  accept(): void {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  deliver(message: MessageInitShape<typeof ServerMessageSchema>): void {
    const bytes = toBinary(ServerMessageSchema, create(ServerMessageSchema, message));
    const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    this.onmessage?.({ data } as MessageEvent);
  }

  serverClose(code: number, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason } as CloseEvent);
  }

  /** What the client sent, by kind. */
  sentOf<K extends NonNullable<ClientMessage["msg"]["case"]>>(kind: K) {
    return this.sent.filter((m) => m.msg.case === kind).map((m) => m.msg.value) as Extract<ClientMessage["msg"], { case: K }>["value"][];
  }
}

/** A factory that records every socket it opens. */
export function fakeSockets() {
  const sockets: FakeSocket[] = [];
  const factory = (url: string, protocols: string[]) => {
    const socket = new FakeSocket(url, protocols);
    sockets.push(socket);
    return socket as unknown as WebSocket;
  };
  return { sockets, factory, last: () => sockets[sockets.length - 1] };
}
