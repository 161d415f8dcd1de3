import type { WireTree } from './wire';

/**
 * The ways a message is written: proto3 JSON, protobuf text format (protoc's --encode/--decode)
 * and the wire bytes as base64.
 */
export const MESSAGE_FORMATS = ['json', 'text', 'base64'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

/** A kept message's bytes and how they read without a schema (names from the call's schema alongside). */
export interface MessageWire {
  direction: 'sent' | 'received';
  /** The message type the call's schema gives it. */
  type: string;
  /** base64 of the bytes decoded: at most the limit asked for. */
  base64: string;
  tree: WireTree;
}

/** Pasted bytes: their raw tree, and when a type was chosen, the message read as that type. */
export interface DecodedBytes {
  size: number;
  /** base64 of the bytes decoded (at most the limit asked for), for a hex view beside the tree. */
  base64: string;
  tree: WireTree;
  /** Present when a type was asked for and the bytes are one. */
  json?: string;
  text?: string;
  /** Why the bytes are not a message of the type asked for. */
  error?: string;
}
