package dev.tickstream.games.football;

/**
 * One player's entity: what its row holds (position on the wire grid, last step, team, facing,
 * dash and kick ticks, goals) and its current intent, which is not in the row (a client sends it
 * again after a resume). Owned by {@link FootballGame}; mutable, room thread only.
 */
final class FootballPlayer {
  final int id;
  String name;
  int team; // FootballGame.RED or BLUE
  /** Centre, wire units. */
  int x;
  int y;
  /** Wire units moved in the last step (0 after a teleport): the row's vx, vy. */
  int stepX;
  int stepY;
  int facing; // 0..255 per turn
  int dashTick; // tick the last dash began, 0 for none
  int kickTick; // tick of the last kick, 0 for none
  int goals; // goals scored this round (own goals excluded)

  // Intent, from the last input.
  int moveX;
  int moveY;
  boolean kickHeld;
  boolean dashHeld;
  /** Set by any input since the last step (so a tap between two ticks is not lost). */
  boolean kickPressed;
  boolean dashPressed;

  FootballPlayer(int id, String name, int team) {
    this.id = id;
    this.name = name;
    this.team = team;
  }

  /** Forgets the intent: the player stands still (a drop, a restore). */
  void idle() {
    moveX = 0;
    moveY = 0;
    kickHeld = false;
    dashHeld = false;
    kickPressed = false;
    dashPressed = false;
  }

  boolean wantsKick() {
    return kickHeld || kickPressed;
  }

  boolean wantsDash() {
    return dashHeld || dashPressed;
  }
}
