/**
 * Match recordings on disk: {@link dev.tickstream.replay.Recordings} (a node's directory, its
 * one writer thread, size limits, rotation, the listing) and {@link
 * dev.tickstream.replay.Recorder} (one room's recording, fed on the room's thread, written on
 * the writer's). What is recorded, and when, is the room's (its {@code Tape}); reading a
 * recording is the SDK's ({@code dev.tickstream.client.Recording}). Format:
 * {@code proto/tickstream/v1/recording.proto}.
 */
package dev.tickstream.replay;
