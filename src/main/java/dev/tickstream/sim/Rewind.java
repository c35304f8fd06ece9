package dev.tickstream.sim;

/**
 * Lag compensation: where the room's entities were at a recent past tick, so that a game can
 * judge a shot against the world its shooter was shown. A client draws other entities about
 * 100 ms in the past (interpolation) and stamps each input with the tick it was showing; the
 * game receives that tick, clamped, in {@link Game#onInput(Player, com.google.protobuf.Message,
 * int)} and asks here what lay where at it.
 *
 * <p>The engine records every entity's position after each tick, as {@link Game#writeState}
 * and {@link Game#positions} give it, for the last {@link #maxTicks()} ticks. Rewinding is
 * bounded: a query for an older tick is answered at the oldest tick the bound allows (never
 * further back: a client cannot claim a stale view to hit what has long moved), and a query for
 * the present or a later tick at the newest recorded state (the end of the previous tick; the
 * present is the game's own state). Every entity with a position is included (a game filters by
 * its own kinds); an entity that did not exist at the tick is not found.
 *
 * <p>Units: ticks count from 1 like {@link GameRoom#tick()}; positions, radii and widths are in
 * wire units (map units times the game's position scale), as the schema's position fields.
 *
 * <p>Threading: the room's thread only, like every {@link GameRoom} call. Queries allocate only
 * their answer.
 */
public interface Rewind {

  /** Where an entity was: wire units. */
  record Position(int x, int y) {}

  /**
   * How many ticks back a query may reach: the node's {@code rewindMs} in whole ticks
   * (200 ms at 30 Hz: 6). 0 when rewinding is off: queries then see the newest recorded state.
   */
  int maxTicks();

  /**
   * The tick a query for {@code tick} is answered at, during the current tick: within
   * {@code [tick() - maxTicks(), tick() - 1]} and recorded (older ticks become the oldest one,
   * newer ones the newest). 0 when nothing has been recorded yet.
   */
  int clamp(int tick);

  /** Where entity {@code entityId} was at {@code tick} (clamped), or null when it did not exist. */
  Position positionAt(int entityId, int tick);

  /**
   * The entities that were within {@code radius} of ({@code x}, {@code y}) at {@code tick}
   * (clamped), their centres at most {@code radius} away; ascending ids.
   */
  int[] entitiesWithin(double x, double y, double radius, int tick);

  /**
   * The entities that lay along the segment from ({@code x1}, {@code y1}) to ({@code x2},
   * {@code y2}) at {@code tick} (clamped): their centres within {@code halfWidth} of it, as a
   * circle of that radius swept along the segment would touch them. In the order the sweep
   * touches them, nearest the start first (ties: lower id first), so the first is what a shot
   * along it hits.
   */
  int[] entitiesAlong(double x1, double y1, double x2, double y2, double halfWidth, int tick);
}
