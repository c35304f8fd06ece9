package dev.tickstream.games.arena;

/**
 * One input of a player, already parsed and bounded by the gateway.
 *
 * @param moveX desired movement along x, -127..127 (127 = full speed)
 * @param moveY desired movement along y, -127..127
 * @param aim aim direction, 0..65535 per full turn (0 = +x, growing towards +y)
 * @param fire whether the player holds the trigger
 */
public record PlayerInput(int moveX, int moveY, int aim, boolean fire) {

  public PlayerInput {
    if (moveX < -127 || moveX > 127 || moveY < -127 || moveY > 127) {
      throw new IllegalArgumentException("move out of range: " + moveX + "," + moveY);
    }
    if (aim < 0 || aim > 0xFFFF) {
      throw new IllegalArgumentException("aim out of range: " + aim);
    }
  }

  public static final PlayerInput IDLE = new PlayerInput(0, 0, 0, false);
}
