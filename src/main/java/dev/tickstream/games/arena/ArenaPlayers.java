package dev.tickstream.games.arena;

import java.util.Arrays;

/**
 * The arena's players as parallel arrays, sorted by id: ids only grow, so a new player is
 * appended and the order holds without sorting. Arrays rather than objects so that a step over
 * a thousand players walks memory in order and allocates nothing. Owned by {@link ArenaGame};
 * its movement, combat and rows read and write the arrays directly; rows {@code 0..count-1}
 * are live.
 */
final class ArenaPlayers {
  int count;
  int[] id = new int[16];
  String[] name = new String[16];
  double[] x = new double[16]; // map units, on the wire grid
  double[] y = new double[16];
  double[] vx = new double[16]; // units per tick, from the last input
  double[] vy = new double[16];
  int[] stepX = new int[16]; // wire units moved in the last step (0 after a respawn)
  int[] stepY = new int[16];
  int[] aim = new int[16]; // 0..65535 per turn
  boolean[] fire = new boolean[16];
  int[] hp = new int[16];
  int[] score = new int[16];
  int[] deaths = new int[16];
  int[] lastFire = new int[16]; // tick of the last shot
  int[] lag = new int[16]; // ticks its client draws others behind (lag compensation), 0..bound
  int[] respawnedAt = new int[16]; // tick of its last respawn after a kill (0: none)

  /** Appends a player with no intent, no score and no shot yet; returns its row. */
  int append(int playerId, String playerName) {
    if (count == id.length) {
      grow(count * 2);
    }
    int i = count++;
    id[i] = playerId;
    name[i] = playerName;
    x[i] = 0;
    y[i] = 0;
    vx[i] = 0;
    vy[i] = 0;
    stepX[i] = 0;
    stepY[i] = 0;
    aim[i] = 0;
    fire[i] = false;
    hp[i] = 0;
    score[i] = 0;
    deaths[i] = 0;
    lastFire[i] = Integer.MIN_VALUE / 2; // may fire at once, and tick - lastFire cannot overflow
    lag[i] = 0;
    respawnedAt[i] = 0;
    return i;
  }

  /** Removes row {@code i}, keeping the rest in id order. */
  void remove(int i) {
    int tail = count - i - 1;
    System.arraycopy(id, i + 1, id, i, tail);
    System.arraycopy(name, i + 1, name, i, tail);
    System.arraycopy(x, i + 1, x, i, tail);
    System.arraycopy(y, i + 1, y, i, tail);
    System.arraycopy(vx, i + 1, vx, i, tail);
    System.arraycopy(vy, i + 1, vy, i, tail);
    System.arraycopy(stepX, i + 1, stepX, i, tail);
    System.arraycopy(stepY, i + 1, stepY, i, tail);
    System.arraycopy(aim, i + 1, aim, i, tail);
    System.arraycopy(fire, i + 1, fire, i, tail);
    System.arraycopy(hp, i + 1, hp, i, tail);
    System.arraycopy(score, i + 1, score, i, tail);
    System.arraycopy(deaths, i + 1, deaths, i, tail);
    System.arraycopy(lastFire, i + 1, lastFire, i, tail);
    System.arraycopy(lag, i + 1, lag, i, tail);
    System.arraycopy(respawnedAt, i + 1, respawnedAt, i, tail);
    count--;
    name[count] = null;
  }

  /** Removes every row (a restore); {@link #append} resets all of a row but its name. */
  void clear() {
    Arrays.fill(name, 0, count, null);
    count = 0;
  }

  /** Row of {@code playerId}, or -1. */
  int indexOf(int playerId) {
    int i = Arrays.binarySearch(id, 0, count, playerId);
    return i >= 0 ? i : -1;
  }

  private void grow(int cap) {
    id = Arrays.copyOf(id, cap);
    name = Arrays.copyOf(name, cap);
    x = Arrays.copyOf(x, cap);
    y = Arrays.copyOf(y, cap);
    vx = Arrays.copyOf(vx, cap);
    vy = Arrays.copyOf(vy, cap);
    stepX = Arrays.copyOf(stepX, cap);
    stepY = Arrays.copyOf(stepY, cap);
    aim = Arrays.copyOf(aim, cap);
    fire = Arrays.copyOf(fire, cap);
    hp = Arrays.copyOf(hp, cap);
    score = Arrays.copyOf(score, cap);
    deaths = Arrays.copyOf(deaths, cap);
    lastFire = Arrays.copyOf(lastFire, cap);
    lag = Arrays.copyOf(lag, cap);
    respawnedAt = Arrays.copyOf(respawnedAt, cap);
  }
}
